import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isPrivateAddress } from './address-guard.js';
import type { PrivateHostAllowance } from './private-host-allowance.js';
import { type ProxyEnv, proxyForUrl } from './proxy-env.js';
import { openConnectTunnel, proxyAuthorization } from './proxy-tunnel.js';

export interface HttpGetOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  allowance: PrivateHostAllowance;
  lookupHost?: (hostname: string) => Promise<LookupAddress[]>;
  /** Where HTTP(S)_PROXY / NO_PROXY are read (lower-case first). */
  proxyEnv: ProxyEnv;
}

export interface HttpResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
  truncated: boolean;
  /** The proxy the request went through, if any (host:port). */
  via?: string;
}

export class BlockedAddressError extends Error {
  readonly kind = 'blocked_address';
}

const REQUEST_HEADERS = {
  'user-agent': 'claw-webfetch/0.1 (+https://github.com/)',
  accept: 'text/markdown, text/html;q=0.9, text/plain;q=0.8, application/json;q=0.7, */*;q=0.5',
  'accept-encoding': 'gzip, deflate, br',
};

/**
 * One GET, without following redirects (the caller re-checks each hop).
 *
 * Direct: the connection uses a lookup that refuses private addresses, so the address checked is the
 * address connected to (no DNS-rebinding gap).
 *
 * Through a proxy (HTTPS_PROXY / HTTP_PROXY, unless NO_PROXY exempts the host): the proxy resolves the name,
 * so claw resolves it first itself and refuses it when any address is private. https goes through a CONNECT
 * tunnel with TLS end to end; http is sent to the proxy in absolute form. What remains is a name whose DNS
 * answers differently to claw and to the proxy; the proxy's own policy governs that (see the README).
 */
export async function httpGet(url: URL, options: HttpGetOptions): Promise<HttpResponse> {
  const proxy = proxyForUrl(url, options.proxyEnv);
  if (!proxy) return send(url, options, { lookup: guardedLookup(options) });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) await resolveCheckedAddresses(host, options);
  const via = proxy.host;
  if (url.protocol === 'https:') {
    const tunnel = await openConnectTunnel(proxy, url, options);
    const secure = tlsConnect({
      socket: tunnel,
      host,
      // SNI carries names only; an IP-literal URL is still verified against the certificate's IP entries.
      ...(isIP(host) === 0 ? { servername: host } : {}),
    });
    return { ...(await send(url, options, { createConnection: () => secure })), via };
  }
  const viaProxy: RequestOptions = {
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.port || 80,
    path: url.href,
    headers: { ...REQUEST_HEADERS, host: url.host, ...proxyAuthorization(proxy) },
  };
  return { ...(await send(url, options, viaProxy, true)), via };
}

/** Sends the GET with the given connection options and reads the (decoded, capped) body. */
function send(
  url: URL,
  options: HttpGetOptions,
  connection: RequestOptions,
  absoluteForm = false,
): Promise<HttpResponse> {
  const request = url.protocol === 'https:' && !absoluteForm ? httpsRequest : httpRequest;
  return new Promise((resolveResponse, rejectResponse) => {
    const onResponse = (response: IncomingMessage) => {
      const decoded = decode(response);
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () =>
        resolveResponse({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).subarray(0, options.maxBytes),
          truncated,
        });
      decoded.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        chunks.push(chunk);
        if (size > options.maxBytes) {
          truncated = true;
          response.destroy();
          finish();
        }
      });
      decoded.on('end', finish);
      decoded.on('error', (error) => (truncated ? finish() : rejectResponse(error)));
    };
    const requestOptions: RequestOptions = {
      method: 'GET',
      signal: options.signal,
      timeout: options.timeoutMs,
      headers: REQUEST_HEADERS,
      ...connection,
    };
    const req: ClientRequest = absoluteForm
      ? request(requestOptions, onResponse)
      : request(url, requestOptions, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', rejectResponse);
    req.end();
  });
}

function decode(response: IncomingMessage): NodeJS.ReadableStream {
  switch (response.headers['content-encoding']) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

/**
 * Every address of a host name, refused when one is private (loopback, RFC 1918, link-local, metadata…)
 * unless settings allow that name or address. All addresses are checked, not only the first, so a name with
 * one public and one private address cannot be used to reach the private one.
 */
export async function resolveCheckedAddresses(
  hostname: string,
  options: Pick<HttpGetOptions, 'allowance' | 'lookupHost'>,
): Promise<LookupAddress[]> {
  const addresses = await (options.lookupHost
    ? options.lookupHost(hostname)
    : new Promise<LookupAddress[]>((resolveLookup, rejectLookup) =>
        dnsLookup(hostname, { all: true }, (error, found) =>
          error ? rejectLookup(error) : resolveLookup(found),
        ),
      ));
  if (!options.allowance.allowsName(hostname)) {
    const refused = addresses.find(
      (entry) => isPrivateAddress(entry.address) && !options.allowance.allowsAddress(entry.address),
    );
    if (refused) {
      throw new BlockedAddressError(`${hostname} resolves to ${refused.address}, a private or local address`);
    }
  }
  if (addresses.length === 0) throw new Error(`${hostname} has no addresses`);
  return addresses;
}

function guardedLookup(options: HttpGetOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolveCheckedAddresses(hostname, options).then(
      (addresses) => {
        const first = addresses[0] as LookupAddress;
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
