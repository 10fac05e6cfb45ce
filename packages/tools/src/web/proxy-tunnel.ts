import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export class ProxyRefusedError extends Error {
  readonly kind = 'proxy_refused';
}

/** `Proxy-Authorization` for a proxy URL with credentials (`http://user:pass@proxy:3128`). */
export function proxyAuthorization(proxy: URL): OutgoingHttpHeaders {
  if (!proxy.username && !proxy.password) return {};
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/**
 * Asks an http proxy for a tunnel (`CONNECT host:port`) and resolves with the raw socket once it answers 200.
 * The target is the host *name*, as curl sends it: proxies that filter by domain refuse bare addresses, and
 * TLS still checks the certificate against the name. The name was resolved and checked by claw before this
 * (see `resolveCheckedAddresses`); the proxy resolves it again on its own.
 */
export function openConnectTunnel(
  proxy: URL,
  target: URL,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<Socket> {
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const authority = `${target.hostname}:${port}`;
  return new Promise((resolveTunnel, rejectTunnel) => {
    const req = httpRequest({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      agent: false,
      signal: options.signal,
      timeout: options.timeoutMs,
      headers: { host: authority, ...proxyAuthorization(proxy) },
    });
    req.on('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        const hint =
          response.statusCode === 407
            ? ' (proxy authentication required: put user:password in the proxy URL)'
            : '';
        rejectTunnel(
          new ProxyRefusedError(
            `the proxy ${proxy.host} refused to tunnel to ${authority}: HTTP ${response.statusCode}${hint}`,
          ),
        );
        return;
      }
      // Bytes the proxy sent after its answer belong to the tunnelled connection.
      if (head.length > 0) socket.unshift(head);
      resolveTunnel(socket);
    });
    req.on('timeout', () =>
      req.destroy(new Error(`the proxy ${proxy.host} did not answer in ${options.timeoutMs} ms`)),
    );
    req.on('error', (error) =>
      rejectTunnel(new Error(`proxy ${proxy.host}: ${error.message}`, { cause: error })),
    );
    req.end();
  });
}
