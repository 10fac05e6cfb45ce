import { BlockList, isIP } from 'node:net';

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

function pick(env: ProxyEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function bareHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * One NO_PROXY entry against a host, as curl reads them: `*` matches everything, `example.com` and
 * `.example.com` match the domain and its subdomains, `host:port` only that port, and an IP address or CIDR
 * range (`10.0.0.0/8`) matches IP-literal hosts inside it.
 */
function entryMatches(rawEntry: string, host: string, port: string): boolean {
  let entry = rawEntry.trim().toLowerCase();
  if (entry === '') return false;
  if (entry === '*') return true;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr?.[1] && cidr[2]) {
    const network = bareHost(cidr[1]);
    const family = isIP(network);
    if (family === 0 || isIP(host) !== family) return false;
    const list = new BlockList();
    const kind = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = Number(cidr[2]);
    if (prefix > (family === 4 ? 32 : 128)) return false;
    list.addSubnet(network, prefix, kind);
    return list.check(host, kind);
  }
  const portMatch = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (portMatch?.[1] && portMatch[2]) {
    if (portMatch[2] !== port) return false;
    entry = portMatch[1];
  }
  entry = bareHost(entry.replace(/^\*?\./, ''));
  return host === entry || (isIP(host) === 0 && host.endsWith(`.${entry}`));
}

export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = bareHost(url.hostname);
  const port = defaultPort(url);
  return noProxy.split(/[,\s]+/).some((entry) => entryMatches(entry, host, port));
}

/**
 * The proxy a WebFetch request goes through, from `https_proxy`/`HTTPS_PROXY` (https URLs; when neither is
 * set, the http proxy, as claw's API client does through undici) or `http_proxy`/`HTTP_PROXY` (http URLs),
 * lower-case first as curl reads them; empty values count as unset and `no_proxy`/`NO_PROXY` exempts hosts.
 * A proxy given without a scheme is http.
 */
export function proxyForUrl(url: URL, env: ProxyEnv): URL | undefined {
  const raw =
    url.protocol === 'https:'
      ? (pick(env, 'https_proxy', 'HTTPS_PROXY') ?? pick(env, 'http_proxy', 'HTTP_PROXY'))
      : pick(env, 'http_proxy', 'HTTP_PROXY');
  if (raw === undefined) return undefined;
  if (bypassesProxy(url, pick(env, 'no_proxy', 'NO_PROXY'))) return undefined;
  return parseProxyUrl(raw);
}

export class ProxyConfigError extends Error {
  readonly kind = 'proxy_config';
}

export function parseProxyUrl(raw: string): URL {
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new ProxyConfigError(`the proxy URL ${JSON.stringify(raw)} is not a valid URL`);
  }
  if (proxy.protocol !== 'http:') {
    throw new ProxyConfigError(
      `WebFetch supports http:// proxies only (HTTPS_PROXY is ${proxy.protocol}//${proxy.host}); use an http proxy URL or add the host to NO_PROXY`,
    );
  }
  return proxy;
}
