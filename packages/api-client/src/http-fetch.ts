import type { Dispatcher } from 'undici';
import type { Timeouts } from './timeouts.js';

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
  /** The provider's timeouts; undici's own header and body timeouts must not cut them short. */
  timeouts?: Timeouts;
}

/** undici's defaults, in Node's bundled fetch and the npm package alike: 300 s for headers and between chunks. */
const UNDICI_HEADERS_TIMEOUT_MS = 300_000;
const UNDICI_BODY_TIMEOUT_MS = 300_000;

/**
 * The undici timeouts a request needs so that claw's own timeouts are the ones that apply, or undefined when
 * undici's defaults are already no shorter. The idle timeout doubles as the body timeout; 0 disables both.
 */
export function undiciTimeoutsFor(
  timeouts: Timeouts | undefined,
): { headersTimeout: number; bodyTimeout: number } | undefined {
  if (!timeouts) return undefined;
  const bodyTooShort = timeouts.idleMs === 0 || timeouts.idleMs > UNDICI_BODY_TIMEOUT_MS;
  if (timeouts.requestMs <= UNDICI_HEADERS_TIMEOUT_MS && !bodyTooShort) return undefined;
  return { headersTimeout: timeouts.requestMs, bodyTimeout: timeouts.idleMs };
}

/**
 * Builds the fetch a provider uses. Without a proxy, and with timeouts undici's defaults allow, this is plain
 * global fetch and undici is never loaded (it costs start-up time). Otherwise requests go through undici's own
 * `fetch` with an EnvHttpProxyAgent carrying the timeouts: Node's bundled fetch runs an older undici whose
 * dispatcher contract differs from the npm package's, so the two must not be mixed.
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
  const undiciTimeouts = undiciTimeoutsFor(options.timeouts);
  if (!dispatcher && !proxy && !undiciTimeouts) return (input, init) => fetch(input, init);
  let routed: Promise<FetchLike> | undefined;
  const load = async (): Promise<FetchLike> => {
    const undici = await import('./undici.js');
    // Unset values go in as '' so undici does not fall back to process.env: the `env` given here is the
    // whole truth (an injected env must not pick up the parent's HTTP_PROXY or NO_PROXY).
    const agent =
      dispatcher ??
      new undici.EnvHttpProxyAgent({
        httpProxy: proxy?.httpProxy ?? '',
        httpsProxy: proxy?.httpsProxy ?? '',
        noProxy: proxy?.noProxy ?? '',
        ...undiciTimeouts,
      });
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
