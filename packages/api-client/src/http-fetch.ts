import type { Dispatcher } from 'undici';

/** The fetch signature both SDKs accept (`fetch` option) and tests inject to replay recorded streams. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type Env = Record<string, string | undefined>;

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** Proxy variables, lower-case first as curl does; empty values count as unset. */
export function proxySettingsFromEnv(env: Env): ProxySettings | undefined {
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = env[name];
      if (value !== undefined && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
  const httpProxy = pick('http_proxy', 'HTTP_PROXY');
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY');
  if (httpProxy === undefined && httpsProxy === undefined) return undefined;
  return { httpProxy, httpsProxy, noProxy: pick('no_proxy', 'NO_PROXY') };
}

export interface HttpFetchOptions {
  /** Injected fetch (tests, custom transports). */
  fetch?: FetchLike;
  /** An undici dispatcher to send every request through; wins over proxy env vars. */
  dispatcher?: Dispatcher;
  /** Read for HTTP(S)_PROXY / NO_PROXY; defaults to process.env. */
  env?: Env;
}

/**
 * Builds the fetch a provider uses. Without a proxy this is plain global fetch and undici is never loaded
 * (it costs start-up time). With a proxy, requests go through undici's own `fetch` with an
 * EnvHttpProxyAgent: Node's bundled fetch runs an older undici whose dispatcher contract differs from the
 * npm package's, so the two must not be mixed.
 */
export function createHttpFetch(options: HttpFetchOptions = {}): FetchLike {
  const { dispatcher } = options;
  if (options.fetch) {
    const injected = options.fetch;
    if (!dispatcher) return injected;
    // `dispatcher` is an undici extension of RequestInit that Node's fetch and undici's both read.
    return (input, init) => injected(input, Object.assign({}, init, { dispatcher }));
  }
  const proxy = dispatcher ? undefined : proxySettingsFromEnv(options.env ?? process.env);
  if (!dispatcher && !proxy) return (input, init) => fetch(input, init);
  let routed: Promise<FetchLike> | undefined;
  const load = async (): Promise<FetchLike> => {
    const undici = await import('undici');
    const agent = dispatcher ?? new undici.EnvHttpProxyAgent(proxy);
    return (input, init) =>
      undici.fetch(input as Parameters<typeof undici.fetch>[0], {
        ...(init as Parameters<typeof undici.fetch>[1]),
        dispatcher: agent,
      }) as unknown as Promise<Response>;
  };
  return async (input, init) => {
    routed ??= load();
    return (await routed)(input, init);
  };
}
