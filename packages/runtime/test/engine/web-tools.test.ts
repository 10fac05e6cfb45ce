// biome-ignore-all lint/suspicious/noTemplateCurlyInString: settings spell variables as ${VAR}, as the user types them.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProvider } from '@claw/api-client';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/index.js';
import { createWebContentProcessor, webSummaryModel } from '../../src/engine/web-content-processor.js';
import { expandHeaderValues, webToolDeps } from '../../src/engine/web-tool-setup.js';

describe('settings webFetch and webSearch', () => {
  let configHome: string;
  let ws: string;
  beforeEach(async () => {
    configHome = await mkdtemp(join(tmpdir(), 'claw-web-settings-'));
    ws = join(configHome, 'ws');
    await mkdir(ws);
  });
  afterEach(() => rm(configHome, { recursive: true, force: true }));

  async function loadUser(settings: unknown) {
    await writeFile(join(configHome, 'settings.json'), JSON.stringify(settings));
    return loadSettings({ workspaceRoot: ws, configHome, env: {} });
  }

  it('accepts host names, addresses and CIDR ranges for webFetch.allowPrivateHosts', async () => {
    const hosts = [
      'intranet.example',
      'wiki.corp.example.',
      '10.0.0.0/8',
      '192.168.4.20',
      'fd00::/8',
      '[::1]',
    ];
    const loaded = await loadUser({ webFetch: { allowPrivateHosts: hosts } });
    expect(loaded.errors).toEqual([]);
    expect(loaded.settings.webFetch?.allowPrivateHosts).toEqual(hosts);
  });

  it.each([
    ['a wildcard for everything', '*'],
    ['a wildcard domain', '*.corp.example'],
    ['a URL', 'http://intranet.example'],
    ['a prefix too long', '10.0.0.0/40'],
    ['a range on a name', 'intranet.example/8'],
    ['a space', 'intra net'],
  ])('rejects %s (%s)', async (_name, entry) => {
    const loaded = await loadUser({ webFetch: { allowPrivateHosts: ['ok.example', entry] } });
    expect(loaded.errors.map((error) => error.key)).toEqual(['webFetch']);
    expect(loaded.errors[0]?.reason).toMatch(/host name .* IP address or a CIDR range/);
    expect(loaded.settings.webFetch).toBeUndefined();
  });

  it('validates webSearch.provider and headers', async () => {
    const good = await loadUser({
      webSearch: { provider: 'brave', headers: { 'X-Subscription-Token': '${BRAVE_API_KEY}' } },
    });
    expect(good.errors).toEqual([]);
    const bad = await loadUser({ webSearch: { provider: 'google', headers: { a: 1 } } });
    expect(bad.errors.map((error) => error.key)).toEqual(['webSearch']);
  });
});

describe('webToolDeps', () => {
  it.each([
    ['a variable', { t: '${KEY}' }, { KEY: 'k1' }, { t: 'k1' }, []],
    ['text around it', { a: 'Bearer ${KEY}' }, { KEY: 'k1' }, { a: 'Bearer k1' }, []],
    ['a default', { t: '${NOPE:-fallback}' }, {}, { t: 'fallback' }, []],
    ['an unset variable', { t: '${NOPE}', u: '${NOPE}-${ALSO}' }, {}, { t: '', u: '-' }, ['NOPE', 'ALSO']],
    ['an empty variable', { t: '${EMPTY}' }, { EMPTY: '' }, { t: '' }, ['EMPTY']],
    ['no expansion of $VAR without braces', { t: '$KEY' }, { KEY: 'k1' }, { t: '$KEY' }, []],
  ])('expands %s in header values', (_name, headers, env, expected, missing) => {
    expect(expandHeaderValues(headers, env)).toEqual({ headers: expected, missing });
  });

  it('passes search settings through and names unset variables instead of sending empty keys', () => {
    const deps = webToolDeps({
      settings: {
        webSearch: { provider: 'brave', headers: { 'X-Subscription-Token': '${BRAVE_API_KEY}' } },
        webFetch: { allowPrivateHosts: ['intranet.example'] },
      },
      env: { HTTPS_PROXY: 'http://proxy.corp:3128' },
    });
    expect(deps).toMatchObject({
      webSearchProvider: 'brave',
      allowPrivateHosts: ['intranet.example'],
      proxyEnv: { HTTPS_PROXY: 'http://proxy.corp:3128' },
      webSearchProblem: expect.stringContaining('${BRAVE_API_KEY}'),
    });
    expect(deps.fetch).toBeTypeOf('function');
    expect(deps.processWebContent).toBeUndefined();
  });

  it('leaves private hosts refused and search unconfigured by default', () => {
    const deps = webToolDeps({ settings: {}, env: {} });
    expect(deps.allowPrivateHosts).toBeUndefined();
    expect(deps.webSearchEndpoint).toBeUndefined();
    expect(deps.webSearchProvider).toBeUndefined();
  });
});

describe('WebFetch prompt processing through the provider', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  const page = '# Release notes\n\nVersion 2 adds proxies.';

  it('asks the haiku model with the page and the prompt, and returns its answer', async () => {
    const env = { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'sk-ant-test' };
    const provider = createProvider({ model: 'sonnet', env, retry: { maxRetries: 0 } });
    const counted: Array<{ input: number; model: string }> = [];
    const answer = await createWebContentProcessor(provider, env, (usage, model) =>
      counted.push({ input: usage.input_tokens, model }),
    )(page, 'what is new?', 'https://example.com/notes', new AbortController().signal);
    expect(answer).toBe('Hello from the mock model.');
    // The request is billed like any other, so the session counts it.
    expect(counted).toEqual([{ input: expect.any(Number), model: expect.stringMatching(/^claude-haiku/) }]);
    expect(counted[0]?.input).toBeGreaterThan(0);
    const sent = mock.requests.filter((request) => request.path === '/v1/messages');
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as { model: string; system: unknown; messages: Array<{ content: unknown }> };
    expect(body.model).toMatch(/^claude-haiku/);
    expect(JSON.stringify(body.system)).toContain('untrusted data');
    const text = JSON.stringify(body.messages);
    expect(text).toContain('Version 2 adds proxies.');
    expect(text).toContain('what is new?');
    expect(text).toContain('https://example.com/notes');
  });

  it('uses ANTHROPIC_SMALL_FAST_MODEL, and the session model on an OpenAI-compatible server', () => {
    const anthropic = createProvider({ model: 'sonnet', env: { ANTHROPIC_API_KEY: 'k' } });
    expect(webSummaryModel(anthropic, { ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5' })).toBe(
      'claude-haiku-4-5',
    );
    expect(webSummaryModel(anthropic, {})).toBe('haiku');
    const local = createProvider({ model: 'ollama/llama3.1', env: { OLLAMA_HOST: '127.0.0.1:1' } });
    expect(webSummaryModel(local, {})).toBe(local.modelInfo.id);
  });

  it('throws when no call is possible, so the tool falls back to the page', async () => {
    const env = {};
    const provider = createProvider({ model: 'sonnet', env });
    await expect(
      createWebContentProcessor(provider, env)(
        page,
        'q',
        'https://example.com/',
        new AbortController().signal,
      ),
    ).rejects.toThrow(/No Anthropic credential/);
    expect(mock.requests).toEqual([]);
  });
});
