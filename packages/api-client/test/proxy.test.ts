import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, proxySettingsFromEnv } from '../src/index.js';
import { textReply } from './helpers/anthropic-events.js';
import { collect, userRequest } from './helpers/collect.js';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

let api: Server;
let proxy: Server;
let apiURL = '';
let proxyURL = '';
const apiHits: string[] = [];
const proxied: string[] = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    apiHits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_proxy' });
      res.end(textReply('via proxy?').join(''));
    });
  });
  // A minimal forward proxy: absolute-URI requests for http targets, CONNECT tunnels for https ones.
  proxy = createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket, head) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const tunnel = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
  });
  apiURL = await listen(api);
  proxyURL = await listen(proxy);
});

afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await new Promise((resolve) => proxy.close(resolve));
});

describe('proxies', () => {
  it('sends requests through HTTP_PROXY when it is set', async () => {
    proxied.length = 0;
    apiHits.length = 0;
    const provider = createAnthropicProvider({ apiKey: 'k', baseURL: apiURL, env: { HTTP_PROXY: proxyURL } });
    const { message, error } = await collect(provider.stream(userRequest('hi')));
    expect(error).toBeUndefined();
    expect(message?.requestId).toBe('req_proxy');
    // undici tunnels even plain-http targets with CONNECT; either form proves the traffic went through it.
    expect(proxied).toHaveLength(1);
    expect(proxied[0]).toMatch(new RegExp(`^(CONNECT ${new URL(apiURL).host}|POST ${apiURL}/v1/messages)$`));
    expect(apiHits).toEqual(['POST /v1/messages']);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    proxied.length = 0;
    apiHits.length = 0;
    const provider = createAnthropicProvider({
      apiKey: 'k',
      baseURL: apiURL,
      env: { HTTP_PROXY: proxyURL, NO_PROXY: '127.0.0.1' },
    });
    const { message } = await collect(provider.stream(userRequest('hi')));
    expect(message).toBeDefined();
    expect(proxied).toEqual([]);
    expect(apiHits).toEqual(['POST /v1/messages']);
  });

  it('goes direct without proxy variables', async () => {
    proxied.length = 0;
    const provider = createAnthropicProvider({ apiKey: 'k', baseURL: apiURL, env: {} });
    const { message } = await collect(provider.stream(userRequest('hi')));
    expect(message).toBeDefined();
    expect(proxied).toEqual([]);
  });

  it('reads lower- and upper-case proxy variables, ignoring empty ones', () => {
    expect(proxySettingsFromEnv({})).toBeUndefined();
    expect(proxySettingsFromEnv({ HTTPS_PROXY: ' ' })).toBeUndefined();
    expect(proxySettingsFromEnv({ https_proxy: 'http://p:1', NO_PROXY: 'localhost' })).toEqual({
      httpProxy: undefined,
      httpsProxy: 'http://p:1',
      noProxy: 'localhost',
    });
  });
});
