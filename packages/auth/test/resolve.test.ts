import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiKeyHelperCache,
  type CredentialSource,
  type CredentialsFile,
  credentialHeaders,
  describeCredentialSources,
  resolveConfigHome,
  resolveCredential,
} from '../src/index.js';
import { makeTempConfigHome } from './helpers.js';

let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
beforeEach(async () => {
  home = await makeTempConfigHome();
});
afterEach(async () => {
  await home.cleanup();
});

const HELPER_KEY = 'sk-ant-api03-helperhelperhelper-0001';
const ENV_KEY = 'sk-ant-api03-envenvenvenvenvenv-0002';
const ENV_TOKEN = 'sk-ant-oat01-envtokenenvtoken-0003';
const OAUTH_TOKEN = 'sk-ant-oat01-storedoauthtoken-0004';
const STORED_KEY = 'sk-ant-api03-storedkeystoredkey-0005';

interface Setup {
  helper?: boolean;
  apiKey?: boolean;
  authToken?: boolean;
  oauth?: boolean;
  storedKey?: boolean;
}

async function arrange(setup: Setup) {
  const env: Record<string, string> = {};
  if (setup.apiKey) env.ANTHROPIC_API_KEY = ENV_KEY;
  if (setup.authToken) env.ANTHROPIC_AUTH_TOKEN = ENV_TOKEN;
  const file: CredentialsFile = { version: 1 };
  if (setup.oauth) {
    file.oauth = {
      accessToken: OAUTH_TOKEN,
      expiresAt: 9_999_999_999_999,
      scopes: ['user:inference'],
      tokenType: 'Bearer',
      obtainedAt: 1,
    };
  }
  if (setup.storedKey) file.apiKey = { key: STORED_KEY, savedAt: 1 };
  if (setup.oauth || setup.storedKey) {
    await mkdir(home.configHome, { recursive: true });
    await writeFile(join(home.configHome, 'credentials.json'), JSON.stringify(file));
  }
  return {
    env,
    configHome: home.configHome,
    apiKeyHelperCache: new ApiKeyHelperCache(),
    ...(setup.helper ? { apiKeyHelper: `echo ${HELPER_KEY}` } : {}),
  };
}

const all: Setup = { helper: true, apiKey: true, authToken: true, oauth: true, storedKey: true };

describe('resolution order', () => {
  it.each<[string, Setup, CredentialSource, 'api-key' | 'bearer', string]>([
    ['apiKeyHelper beats everything', all, 'apiKeyHelper', 'api-key', HELPER_KEY],
    ['ANTHROPIC_API_KEY beats the rest', { ...all, helper: false }, 'ANTHROPIC_API_KEY', 'api-key', ENV_KEY],
    [
      'ANTHROPIC_AUTH_TOKEN beats stored',
      { authToken: true, oauth: true, storedKey: true },
      'ANTHROPIC_AUTH_TOKEN',
      'bearer',
      ENV_TOKEN,
    ],
    ['stored OAuth beats a stored key', { oauth: true, storedKey: true }, 'oauth', 'bearer', OAUTH_TOKEN],
    ['stored API key last', { storedKey: true }, 'stored-api-key', 'api-key', STORED_KEY],
  ])('%s', async (_name, setup, source, kind, value) => {
    const options = await arrange(setup);
    const credential = await resolveCredential(options);
    expect(credential).toMatchObject({ source, kind, value });
    const report = await describeCredentialSources({ ...options, probeApiKeyHelper: true });
    expect(report.source).toBe(source);
    expect(report.kind).toBe(kind);
    expect(report.sources.filter((s) => s.active).map((s) => s.source)).toEqual([source]);
    expect(JSON.stringify(report)).not.toContain(value);
  });

  it('returns undefined when nothing is configured', async () => {
    const options = await arrange({});
    expect(await resolveCredential(options)).toBeUndefined();
    const report = await describeCredentialSources(options);
    expect(report).toMatchObject({ source: null, kind: null, preview: null });
    expect(report.sources.every((s) => !s.present && !s.active)).toBe(true);
  });

  it('ignores empty environment variables', async () => {
    const options = await arrange({ storedKey: true });
    const credential = await resolveCredential({
      ...options,
      env: { ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '  ' },
    });
    expect(credential?.source).toBe('stored-api-key');
  });

  it('does not read a corrupt store while an env variable wins', async () => {
    await mkdir(home.configHome, { recursive: true });
    await writeFile(join(home.configHome, 'credentials.json'), '{nope');
    const credential = await resolveCredential({
      env: { ANTHROPIC_API_KEY: ENV_KEY },
      configHome: home.configHome,
    });
    expect(credential?.source).toBe('ANTHROPIC_API_KEY');
    const report = await describeCredentialSources({
      env: { ANTHROPIC_API_KEY: ENV_KEY },
      configHome: home.configHome,
    });
    expect(report.source).toBe('ANTHROPIC_API_KEY');
    expect(report.sources.find((s) => s.source === 'oauth')?.error?.reason).toBe('corrupt-store');
  });

  it('uses CLAW_CONFIG_HOME when no configHome is passed', async () => {
    const options = await arrange({ storedKey: true });
    const credential = await resolveCredential({ env: { CLAW_CONFIG_HOME: home.configHome } });
    expect(credential?.value).toBe(STORED_KEY);
    expect(resolveConfigHome({})).toMatch(/\.claw$/);
    expect(options.configHome).toBe(home.configHome);
  });
});

describe('describeCredentialSources', () => {
  it('shows every source in order with previews, expiry and scopes but no secret', async () => {
    const options = await arrange(all);
    const report = await describeCredentialSources({ ...options, now: () => 0 });
    expect(report.order).toEqual([
      'apiKeyHelper',
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_AUTH_TOKEN',
      'oauth',
      'stored-api-key',
    ]);
    expect(report.sources.map((s) => [s.source, s.present, s.active])).toEqual([
      ['apiKeyHelper', true, true],
      ['ANTHROPIC_API_KEY', true, false],
      ['ANTHROPIC_AUTH_TOKEN', true, false],
      ['oauth', true, false],
      ['stored-api-key', true, false],
    ]);
    // Without probing, the helper is not run.
    expect(report.sources[0]).toMatchObject({ detail: 'command configured (not run)' });
    expect(report.sources[0]?.preview).toBeUndefined();
    expect(report.sources[1]?.preview).toBe('sk-ant-…0002');
    expect(report.sources[3]).toMatchObject({
      expiresAt: 9_999_999_999_999,
      expired: false,
      scopes: ['user:inference'],
      refreshable: false,
    });
    const json = JSON.stringify(report);
    for (const secret of [HELPER_KEY, ENV_KEY, ENV_TOKEN, OAUTH_TOKEN, STORED_KEY])
      expect(json).not.toContain(secret);
  });

  it('reports a failing helper on its entry instead of throwing', async () => {
    const report = await describeCredentialSources({
      env: {},
      configHome: home.configHome,
      apiKeyHelper: 'exit 9',
      apiKeyHelperCache: new ApiKeyHelperCache(),
      probeApiKeyHelper: true,
    });
    expect(report.sources[0]).toMatchObject({
      present: true,
      active: true,
      error: { reason: 'api-key-helper' },
    });
  });
});

describe('credentialHeaders', () => {
  it.each([
    ['api-key', { 'x-api-key': 'k' }],
    ['bearer', { authorization: 'Bearer k' }],
  ] as const)('%s', (kind, headers) => {
    expect(credentialHeaders({ kind, value: 'k' })).toEqual(headers);
  });
});
