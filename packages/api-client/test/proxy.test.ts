import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnthropicProvider,
  createOpenAICompatibleProvider,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type Env,
  type ProviderKind,
  proxySettingsFromEnv,
  undiciTimeoutsFor,
} from '../src/index.js';
import { collect, instantRetries } from './helpers/collect.js';
import { type ForwardProxy, startForwardProxy } from './helpers/forward-proxy.js';
import { modelRequests, PROVIDER_KINDS, scripted } from './helpers/mock-providers.js';

let server: MockServer;
let proxy: ForwardProxy;

beforeAll(async () => {
  server = await startMockServer();
  proxy = await startForwardProxy();
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  proxy.seen.length = 0;
});

function providerWithEnv(kind: ProviderKind, env: Env) {
  const shared = { env, ...instantRetries(), retry: { maxRetries: 0 } };
  return kind === 'anthropic'
    ? createAnthropicProvider({ apiKey: 'sk-ant-api03-mock', baseURL: server.url, ...shared })
    : createOpenAICompatibleProvider({ apiKey: 'sk-mock', baseURL: `${server.url}/v1`, ...shared });
}

describe.each(PROVIDER_KINDS)('%s: proxy variables against the mock', (kind) => {
  const path = kind === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';

  it.each<[string, () => Env, boolean]>([
    ['HTTP_PROXY', () => ({ HTTP_PROXY: proxy.url }), true],
    ['lower-case http_proxy', () => ({ http_proxy: proxy.url }), true],
    ['HTTP_PROXY with the host in NO_PROXY', () => ({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }), false],
    ['HTTP_PROXY with NO_PROXY=*', () => ({ HTTP_PROXY: proxy.url, NO_PROXY: '*' }), false],
    ['only HTTPS_PROXY, for a plain-http target', () => ({ HTTPS_PROXY: proxy.url }), false],
    ['no proxy variables', () => ({}), false],
  ])('%s', async (_name, env, proxied) => {
    const provider = providerWithEnv(kind, env());
    const { message, error } = await collect(provider.stream(scripted(kind, [{ text: 'via the wire' }])));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual([{ type: 'text', text: 'via the wire' }]);
    expect(modelRequests(server)).toBe(1);
    const host = new URL(server.url).host;
    // undici tunnels plain-http targets with CONNECT too; either form proves the request went through it.
    expect(proxy.seen).toEqual(
      proxied ? [expect.stringMatching(new RegExp(`^(CONNECT ${host}|POST ${server.url}${path})$`))] : [],
    );
  });

  it('reports a proxy that cannot be reached as a network error naming the proxy variables', async () => {
    const provider = providerWithEnv(kind, { HTTP_PROXY: 'http://127.0.0.1:9' });
    const { error } = await collect(provider.stream(scripted(kind, [{ text: 'never' }])));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error?.hint).toContain('HTTPS_PROXY');
    expect(modelRequests(server)).toBe(0);
  });
});

describe('an injected env is the whole truth', () => {
  it.each<[string, Record<string, string>, Env, boolean]>([
    [
      "ignores the process's HTTP_PROXY",
      { HTTP_PROXY: 'http://127.0.0.1:9' },
      { HTTPS_PROXY: 'http://127.0.0.1:9' },
      false,
    ],
    ["ignores the process's NO_PROXY", { NO_PROXY: '127.0.0.1' }, { HTTP_PROXY: 'proxy' }, true],
  ])('%s', async (_name, processEnv, env, proxied) => {
    const saved = Object.fromEntries(Object.keys(processEnv).map((key) => [key, process.env[key]]));
    Object.assign(process.env, processEnv);
    try {
      const resolved = Object.fromEntries(
        Object.entries(env).map(([key, value]) => [key, value === 'proxy' ? proxy.url : value]),
      );
      const { message, error } = await collect(
        providerWithEnv('anthropic', resolved).stream(scripted('anthropic', [{ text: 'ok' }])),
      );
      expect(error).toBeUndefined();
      expect(message?.stopReason).toBe('end_turn');
      expect(proxy.seen.length > 0).toBe(proxied);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('timeouts longer than undici allows by default', () => {
  it.each<[string, { requestMs: number; idleMs: number }, object | undefined]>([
    ['the defaults', { requestMs: DEFAULT_TIMEOUT_MS, idleMs: DEFAULT_IDLE_TIMEOUT_MS }, undefined],
    ['shorter ones', { requestMs: 1_000, idleMs: 2_000 }, undefined],
    ['a 15-minute wait for headers', { requestMs: 900_000, idleMs: 1_000 }, { headersTimeout: 900_000 }],
    ['a 10-minute idle timeout', { requestMs: 1_000, idleMs: 600_000 }, { bodyTimeout: 600_000 }],
    ['a disabled idle timeout', { requestMs: 1_000, idleMs: 0 }, { bodyTimeout: 0 }],
  ])('%s', (_name, timeouts, needed) => {
    const result = undiciTimeoutsFor(timeouts);
    if (needed === undefined) expect(result).toBeUndefined();
    else expect(result).toMatchObject(needed);
  });

  it.each(PROVIDER_KINDS)('%s still streams through the agent that carries them', async (kind) => {
    const env = { CLAW_API_TIMEOUT_MS: '900000', CLAW_STREAM_IDLE_TIMEOUT_MS: '0' };
    const { message, error } = await collect(
      providerWithEnv(kind, env).stream(scripted(kind, [{ text: 'patient' }])),
    );
    expect(error).toBeUndefined();
    expect(message?.content).toEqual([{ type: 'text', text: 'patient' }]);
    expect(proxy.seen).toEqual([]);
  });
});

describe('proxySettingsFromEnv', () => {
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
