import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';

// The built, bundled claw behind an HTTP proxy and with long timeouts: both switch requests from Node's
// fetch to the npm undici with an agent of claw's own, a path unit tests of the unbundled package miss.

let mock: MockServer;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
let sandbox: Sandbox;

beforeAll(async () => {
  mock = await startMockServer();
  // A forward proxy that only tunnels (CONNECT), as corporate proxies do.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, clientSocket, head) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not listen');
  proxyUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await mock.close();
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
  tunnels.length = 0;
});
afterEach(() => sandbox.cleanup());

describe('claw -p through a proxy and with long timeouts', () => {
  it('sends the request through HTTP_PROXY', async () => {
    const run = await runClaw(['-p', 'hi'], { sandbox, baseUrl: mock.url, env: { HTTP_PROXY: proxyUrl } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
    expect(tunnels).toEqual([new URL(mock.url).host]);
  });

  it('goes direct for a host in NO_PROXY', async () => {
    const run = await runClaw(['-p', 'hi'], {
      sandbox,
      baseUrl: mock.url,
      env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(tunnels).toEqual([]);
  });

  it('streams with a request timeout longer than fetch allows (CLAW_API_TIMEOUT_MS)', async () => {
    const run = await runClaw(['-p', 'hi'], {
      sandbox,
      baseUrl: mock.url,
      env: { CLAW_API_TIMEOUT_MS: '900000', CLAW_STREAM_IDLE_TIMEOUT_MS: '0' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
  });

  it('reports an unreachable proxy as a connection error with the proxy hint', async () => {
    const run = await runClaw(['-p', 'hi'], {
      sandbox,
      baseUrl: mock.url,
      env: { HTTP_PROXY: 'http://127.0.0.1:9', CLAW_MAX_RETRIES: '0' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).toContain('HTTPS_PROXY');
  });
});
