import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebFetchTool, proxyForUrl } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

// A self-signed certificate for 127.0.0.1/localhost made for tests only (valid until 2126).
const CERT = readFileSync(fileURLToPath(new URL('./fixtures/tls/localhost-cert.pem', import.meta.url)));
const KEY = readFileSync(fileURLToPath(new URL('./fixtures/tls/localhost-key.pem', import.meta.url)));

interface Seen {
  method: string;
  target: string;
  authorization?: string;
}

let target: Server;
let targetBase = '';
let tlsTarget: HttpsServer;
let tlsPort = 0;
let proxy: Server;
let proxyUrl = '';
const seen: Seen[] = [];

function listen(server: Server | HttpsServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  target = createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end('plain page through the proxy');
  });
  targetBase = `http://127.0.0.1:${await listen(target)}`;
  tlsTarget = createHttpsServer({ cert: CERT, key: KEY }, (_req, res) => res.end('secret'));
  tlsPort = await listen(tlsTarget);
  // A forward proxy: absolute-form requests for http, CONNECT tunnels for https; it records what it was asked.
  proxy = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      target: req.url ?? '',
      authorization: req.headers['proxy-authorization'],
    });
    if (req.headers['proxy-authorization'] === 'Basic ZGVueTpkZW55') {
      res.writeHead(407).end();
      return;
    }
    const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end();
  });
  proxy.on('connect', (req, clientSocket, head) => {
    seen.push({
      method: 'CONNECT',
      target: req.url ?? '',
      authorization: req.headers['proxy-authorization'],
    });
    if (req.headers['proxy-authorization'] === 'Basic ZGVueTpkZW55') {
      clientSocket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : (host ?? ''), () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    clientSocket.on('error', () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
afterAll(async () => {
  for (const server of [target, tlsTarget, proxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
beforeEach(() => {
  seen.length = 0;
});

const fetchInput = (url: string) => ({ url, prompt: 'what does it say?' });

describe('WebFetch through a proxy', () => {
  it('sends http in absolute form to HTTP_PROXY', async () => {
    const tool = createWebFetchTool({
      allowPrivateHosts: ['127.0.0.1'],
      plainHttpHosts: ['127.0.0.1'],
      proxyEnv: { http_proxy: proxyUrl },
    });
    const result = await run(tool, fetchInput(`${targetBase}/page`), makeContext(await tempDir()));
    expect(result.isError, text(result)).toBeFalsy();
    expect(text(result)).toContain('plain page through the proxy');
    expect(seen).toEqual([{ method: 'GET', target: `${targetBase}/page`, authorization: undefined }]);
  });

  it('tunnels https with CONNECT to the host name and still verifies the certificate end to end', async () => {
    const tool = createWebFetchTool({
      allowPrivateHosts: ['localhost'],
      lookupHost: async () => [{ address: '127.0.0.1', family: 4 }],
      proxyEnv: { HTTPS_PROXY: proxyUrl },
    });
    const result = await run(tool, fetchInput(`https://localhost:${tlsPort}/`), makeContext(await tempDir()));
    expect(seen).toEqual([{ method: 'CONNECT', target: `localhost:${tlsPort}`, authorization: undefined }]);
    // The test certificate is self-signed and not trusted here: a proxy (or anyone on the path) cannot
    // substitute a certificate of its own.
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/self[- ]signed certificate/);
    expect(text(result)).not.toContain('secret');
  });

  it('goes direct for a host in NO_PROXY', async () => {
    const tool = createWebFetchTool({
      allowPrivateHosts: true,
      plainHttpHosts: ['127.0.0.1'],
      proxyEnv: { http_proxy: proxyUrl, no_proxy: 'example.com,127.0.0.0/8' },
    });
    const result = await run(tool, fetchInput(`${targetBase}/page`), makeContext(await tempDir()));
    expect(text(result)).toContain('plain page through the proxy');
    expect(seen).toEqual([]);
  });

  it('sends proxy credentials from the proxy URL and explains a 407', async () => {
    const port = new URL(proxyUrl).port;
    const ok = createWebFetchTool({
      allowPrivateHosts: true,
      plainHttpHosts: ['127.0.0.1'],
      proxyEnv: { http_proxy: `http://user:p%40ss@127.0.0.1:${port}` },
    });
    await run(ok, fetchInput(`${targetBase}/page`), makeContext(await tempDir()));
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);

    const denied = createWebFetchTool({
      allowPrivateHosts: ['localhost'],
      lookupHost: async () => [{ address: '127.0.0.1', family: 4 }],
      proxyEnv: { https_proxy: `http://deny:deny@127.0.0.1:${port}` },
    });
    const result = await run(
      denied,
      fetchInput(`https://localhost:${tlsPort}/`),
      makeContext(await tempDir()),
    );
    expect(text(result)).toMatch(/refused to tunnel.*HTTP 407.*user:password/);
  });

  it('says which proxies it cannot use', async () => {
    const tool = createWebFetchTool({
      lookupHost: async () => [{ address: '93.184.216.34', family: 4 }],
      proxyEnv: { https_proxy: 'socks5://127.0.0.1:1080' },
    });
    const result = await run(tool, fetchInput('https://example.com/'), makeContext(await tempDir()));
    expect(text(result)).toMatch(/http:\/\/ proxies only/);
  });

  // Behind a proxy the proxy resolves names, so claw resolves them first: each row is a name whose DNS
  // answer must stop the request before the proxy is asked for anything.
  it.each([
    ['a private address', [{ address: '10.0.0.5', family: 4 }], /resolves to 10\.0\.0\.5/],
    ['cloud metadata', [{ address: '169.254.169.254', family: 4 }], /resolves to 169\.254\.169\.254/],
    [
      'one public and one private address',
      [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
      /resolves to 127\.0\.0\.1/,
    ],
    ['IPv4-mapped loopback', [{ address: '::ffff:127.0.0.1', family: 6 }], /resolves to ::ffff:127\.0\.0\.1/],
    ['IPv6 unique-local', [{ address: 'fd12::1', family: 6 }], /resolves to fd12::1/],
  ])('refuses a name resolving to %s without contacting the proxy', async (_name, addresses, message) => {
    for (const proxyEnv of [{ https_proxy: proxyUrl }, { HTTPS_PROXY: proxyUrl, NO_PROXY: '' }]) {
      const tool = createWebFetchTool({ lookupHost: async () => addresses, proxyEnv });
      const result = await run(tool, fetchInput('https://innocent.example/'), makeContext(await tempDir()));
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(message);
    }
    expect(seen).toEqual([]);
  });

  it('refuses private IP literals and local names before contacting the proxy', async () => {
    const tool = createWebFetchTool({ proxyEnv: { https_proxy: proxyUrl } });
    for (const url of ['https://127.0.0.1/', 'https://[::1]/', 'https://localhost/', 'https://10.0.0.1/']) {
      expect((await run(tool, fetchInput(url), makeContext(await tempDir()))).isError).toBe(true);
    }
    expect(seen).toEqual([]);
  });

  it('explains that claw must resolve the host itself', async () => {
    const tool = createWebFetchTool({
      lookupHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
      },
      proxyEnv: { https_proxy: proxyUrl },
    });
    const result = await run(tool, fetchInput('https://nowhere.example/'), makeContext(await tempDir()));
    expect(text(result)).toMatch(/resolves every host itself \(also behind a proxy\)/);
    expect(seen).toEqual([]);
  });
});

describe('proxyForUrl', () => {
  const https = new URL('https://api.example.com/x');
  const http = new URL('http://api.example.com/x');
  it.each([
    [
      'https uses https_proxy',
      https,
      { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' },
      'http://low:1/',
    ],
    ['upper case when lower is unset', https, { HTTPS_PROXY: 'http://up:2' }, 'http://up:2/'],
    [
      'empty lower case counts as unset',
      https,
      { https_proxy: ' ', HTTPS_PROXY: 'http://up:2' },
      'http://up:2/',
    ],
    [
      'http uses http_proxy, not https_proxy',
      http,
      { https_proxy: 'http://s:1', http_proxy: 'http://p:3' },
      'http://p:3/',
    ],
    ['https falls back to http_proxy, as the API client', https, { HTTP_PROXY: 'http://p:3' }, 'http://p:3/'],
    ['no proxy variable, no proxy', https, { no_proxy: 'x.org' }, undefined],
    ['a proxy without scheme is http', https, { https_proxy: 'corp-proxy:3128' }, 'http://corp-proxy:3128/'],
    ['NO_PROXY *', https, { https_proxy: 'http://p:1', no_proxy: '*' }, undefined],
    [
      'NO_PROXY domain covers subdomains',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'example.com' },
      undefined,
    ],
    ['NO_PROXY leading dot', https, { https_proxy: 'http://p:1', NO_PROXY: '.example.com' }, undefined],
    [
      'NO_PROXY other domain',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'ample.com,other.org' },
      'http://p:1/',
    ],
    [
      'NO_PROXY is not a substring match',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'e.com' },
      'http://p:1/',
    ],
    [
      'NO_PROXY with the matching port',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'api.example.com:443' },
      undefined,
    ],
    [
      'NO_PROXY with another port',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'api.example.com:8443' },
      'http://p:1/',
    ],
    [
      'NO_PROXY lower case wins',
      https,
      { https_proxy: 'http://p:1', no_proxy: 'x.org', NO_PROXY: '*' },
      'http://p:1/',
    ],
  ])('%s', (_name, url, env, expected) => {
    expect(proxyForUrl(url, env)?.href).toBe(expected);
  });

  it.each([
    ['https://10.1.2.3/', '10.0.0.0/8', undefined],
    ['https://11.1.2.3/', '10.0.0.0/8', 'http://p:1/'],
    ['https://[fd00::1]/', 'fd00::/8', undefined],
    ['https://[fd00::1]/', '10.0.0.0/8', 'http://p:1/'],
    ['https://10.1.2.3/', '10.1.2.3', undefined],
  ])('NO_PROXY ranges: %s with %s', (url, noProxy, expected) => {
    expect(proxyForUrl(new URL(url), { https_proxy: 'http://p:1', no_proxy: noProxy })?.href).toBe(expected);
  });
});
