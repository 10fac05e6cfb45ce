import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../src/index.js';
import { type ForwardProxy, startForwardProxy } from './helpers/forward-proxy.js';
import { modelRequests, PROVIDER_KINDS } from './helpers/mock-providers.js';

// A self-signed certificate for 127.0.0.1/localhost made for these tests only (valid until 2126).
const CERT = fileURLToPath(new URL('./fixtures/tls/localhost-cert.pem', import.meta.url));
const KEY = fileURLToPath(new URL('./fixtures/tls/localhost-key.pem', import.meta.url));
const CLIENT = fileURLToPath(new URL('./fixtures/proxy-client.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));

let mock: MockServer;
let proxy: ForwardProxy;
let tls: HttpsServer;
let tlsURL = '';

/** TLS in front of the mock, as a real API endpoint is reached over https. */
function forwardToMock(req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(mock.url);
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

beforeAll(async () => {
  if (!existsSync(BUILT))
    throw new Error('build @claw/api-client first (pnpm --filter @claw/api-client build)');
  mock = await startMockServer();
  proxy = await startForwardProxy();
  tls = createHttpsServer({ cert: readFileSync(CERT), key: readFileSync(KEY) }, forwardToMock);
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsURL = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterAll(async () => {
  tls.closeAllConnections();
  await new Promise((resolve) => tls.close(resolve));
  await proxy.close();
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  proxy.seen.length = 0;
});

interface Outcome {
  reply?: string;
  stopReason?: string;
  error?: { kind: string; message: string };
}

/** Runs the built client in a child process with exactly these proxy variables. */
function runClient(kind: ProviderKind, proxyEnv: Record<string, string>): Promise<Outcome> {
  const baseURL = kind === 'anthropic' ? tlsURL : `${tlsURL}/v1`;
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_EXTRA_CA_CERTS: CERT,
    CLAW_TEST_CASE: JSON.stringify({ kind, baseURL, text: 'hello over tls' }),
    ...proxyEnv,
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLIENT], { env, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Outcome);
    });
  });
}

describe.each(PROVIDER_KINDS)('%s: https target through HTTPS_PROXY', (kind) => {
  it('tunnels the request with CONNECT and completes the stream', async () => {
    const outcome = await runClient(kind, { HTTPS_PROXY: proxy.url });
    expect(outcome).toEqual({ reply: 'Hello from the mock model.', stopReason: 'end_turn' });
    expect(proxy.seen).toEqual([`CONNECT ${new URL(tlsURL).host}`]);
    expect(modelRequests(mock)).toBe(1);
  });

  it('goes direct when NO_PROXY names the host', async () => {
    const outcome = await runClient(kind, { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(outcome.reply).toBe('Hello from the mock model.');
    expect(proxy.seen).toEqual([]);
    expect(modelRequests(mock)).toBe(1);
  });

  it('falls back to HTTP_PROXY for an https target when HTTPS_PROXY is unset (undici semantics)', async () => {
    const outcome = await runClient(kind, { HTTP_PROXY: proxy.url });
    expect(outcome.reply).toBe('Hello from the mock model.');
    expect(proxy.seen).toEqual([`CONNECT ${new URL(tlsURL).host}`]);
  });

  it('fails with a network error when the TLS certificate is not trusted, through the proxy too', async () => {
    const outcome = await runClient(kind, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: '' });
    expect(outcome.error).toMatchObject({ kind: 'network' });
    expect(outcome.error?.message).toMatch(/certificate/i);
    expect(modelRequests(mock)).toBe(0);
  });
});
