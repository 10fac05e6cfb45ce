import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConfigError,
  getSetting,
  loadSettings,
  parseSettingValue,
  resolveAutoCompact,
  resolveEffectiveModel,
  setSetting,
  trustWorkspace,
  unsetSetting,
} from '../../src/config/index.js';

let base: string;
let ws: string;
let configHome: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'claw-config-'));
  ws = join(base, 'ws');
  configHome = join(base, 'home', '.claw');
  await mkdir(ws, { recursive: true });
  // These tests are about layering; trust gating has its own tests (workspace-trust.test.ts).
  await trustWorkspace(configHome, ws);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function put(path: string, value: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const userFile = () => join(configHome, 'settings.json');
const p = (...parts: string[]) => join(ws, ...parts);

describe('loadSettings', () => {
  it('merges every layer in order with per-key provenance', async () => {
    await put(userFile(), {
      model: 'user-model',
      env: { A: 'user', B: 'user' },
      permissions: { allow: ['Read'], deny: ['Bash(rm -rf:*)'], defaultMode: 'default' },
      autoCompact: { enabled: true, threshold: 0.8 },
      hooks: { Stop: [{ hooks: [{ type: 'command', command: 'user-stop.sh' }] }] },
      mcpServers: { gh: { command: 'gh-mcp', args: ['--x'] } },
    });
    await put(p('.claude', 'settings.json'), {
      model: 'claude-compat',
      permissions: { ask: ['Bash(git push:*)'] },
    });
    await put(p('.claw.json'), { env: { B: 'claw-json' }, toolOutputMaxChars: 1000 });
    await put(p('.claw', 'settings.json'), {
      model: 'project-model',
      autoCompact: { threshold: 0.6 },
      hooks: { Stop: [{ hooks: [{ type: 'command', command: 'project-stop.sh' }] }] },
      mcpServers: { gh: { type: 'http', url: 'https://example.com/mcp' } },
    });
    await put(p('.claude', 'settings.local.json'), { permissions: { allow: ['Edit(src/**)'] } });
    await put(p('.claw', 'settings.local.json'), { permissions: { defaultMode: 'acceptEdits' } });

    const loaded = await loadSettings({
      workspaceRoot: ws,
      configHome,
      flagOverrides: { model: 'flag-model' },
    });
    expect(loaded.fatal).toBeUndefined();
    expect(loaded.errors).toEqual([]);
    expect(loaded.settings.model).toBe('flag-model');
    expect(loaded.settings.env).toEqual({ A: 'user', B: 'claw-json' });
    expect(loaded.settings.autoCompact).toEqual({ enabled: true, threshold: 0.6 });
    expect(loaded.settings.permissions).toEqual({
      allow: ['Read', 'Edit(src/**)'],
      ask: ['Bash(git push:*)'],
      deny: ['Bash(rm -rf:*)'],
      defaultMode: 'acceptEdits',
    });
    expect(loaded.settings.hooks?.Stop?.flatMap((g) => g.hooks.map((h) => h.command))).toEqual([
      'user-stop.sh',
      'project-stop.sh',
    ]);
    expect(loaded.settings.mcpServers).toEqual({ gh: { type: 'http', url: 'https://example.com/mcp' } });

    expect(loaded.provenance.get('model')).toBe('flags');
    expect(loaded.provenance.get('env.A')).toBe(userFile());
    expect(loaded.provenance.get('env.B')).toBe(p('.claw.json'));
    expect(loaded.provenance.get('autoCompact.enabled')).toBe(userFile());
    expect(loaded.provenance.get('autoCompact.threshold')).toBe(p('.claw', 'settings.json'));
    expect(loaded.provenance.get('permissions.defaultMode')).toBe(p('.claw', 'settings.local.json'));
    expect(loaded.provenance.get('mcpServers.gh')).toBe(p('.claw', 'settings.json'));
    expect(loaded.provenance.get('toolOutputMaxChars')).toBe(p('.claw.json'));

    expect(loaded.permissionRules).toEqual([
      { behavior: 'allow', rule: 'Read', source: userFile() },
      { behavior: 'deny', rule: 'Bash(rm -rf:*)', source: userFile() },
      { behavior: 'ask', rule: 'Bash(git push:*)', source: p('.claude', 'settings.json') },
      { behavior: 'allow', rule: 'Edit(src/**)', source: p('.claude', 'settings.local.json') },
    ]);
    expect(loaded.layers.map((l) => [l.scope, l.exists, l.loaded])).toEqual([
      ['user', true, true],
      ['project', true, true],
      ['project', true, true],
      ['project', true, true],
      ['local', true, true],
      ['local', true, true],
      ['flags', true, true],
    ]);
  });

  it('reports an invalid entry with file, key and reason and keeps its valid siblings', async () => {
    const file = await put(p('.claw', 'settings.json'), {
      model: 'ok-model',
      retry: { maxRetries: -3 },
      autoCompact: { threshold: 1.5 },
      toolOutputMaxChars: 'lots',
      permissions: {
        allow: ['Read', 42, 'Bash(npm test)'],
        defaultMode: 'yolo',
        additionalDirectories: ['../lib'],
      },
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: 'ok.sh' }, { type: 'command' }] },
        ],
      },
      mcpServers: { good: { command: 'srv' }, bad: { args: ['no command'] } },
      somethingNew: true,
      theme: 'dark',
    });
    const loaded = await loadSettings({ workspaceRoot: ws, configHome });
    expect(loaded.fatal).toBeUndefined();
    expect(loaded.settings).toMatchObject({
      model: 'ok-model',
      permissions: { allow: ['Read', 'Bash(npm test)'], additionalDirectories: ['../lib'] },
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'ok.sh' }] }] },
      mcpServers: { good: { command: 'srv' } },
      somethingNew: true,
    });
    expect(loaded.settings.retry).toBeUndefined();
    expect(loaded.settings.autoCompact).toBeUndefined();
    expect(loaded.settings.permissions?.defaultMode).toBeUndefined();
    const byKey = Object.fromEntries(loaded.errors.map((e) => [e.key, e]));
    expect(Object.keys(byKey).sort()).toEqual(
      [
        'retry',
        'autoCompact',
        'toolOutputMaxChars',
        'permissions.allow[1]',
        'permissions.defaultMode',
        'hooks.PreToolUse[0].hooks[1]',
        'mcpServers.bad',
        'somethingNew',
      ].sort(),
    );
    expect(byKey.retry).toMatchObject({
      file,
      severity: 'error',
      reason: expect.stringMatching(/maxRetries/),
    });
    expect(byKey.autoCompact?.reason).toMatch(/threshold/);
    expect(byKey['permissions.allow[1]']?.reason).toMatch(/got 42/);
    expect(byKey.somethingNew).toMatchObject({
      severity: 'warning',
      reason: expect.stringMatching(/unknown key/),
    });
  });

  it('skips a file with invalid JSON and loads the others', async () => {
    await put(userFile(), { model: 'user-model' });
    const broken = await put(p('.claw', 'settings.json'), '{ "model": "x", ');
    const loaded = await loadSettings({ workspaceRoot: ws, configHome });
    expect(loaded.fatal).toBeUndefined();
    expect(loaded.settings.model).toBe('user-model');
    expect(loaded.errors).toEqual([
      {
        file: broken,
        key: '',
        reason: expect.stringMatching(/^invalid JSON, file skipped/),
        severity: 'error',
      },
    ]);
    expect(loaded.layers.find((l) => l.path === broken)).toMatchObject({ exists: true, loaded: false });
  });

  it.each([
    [
      'invalid JSON in a file with deny rules',
      '{ "permissions": { "deny": ["Bash(rm:*)"], } }',
      /invalid JSON/,
    ],
    [
      'an invalid deny entry',
      { permissions: { deny: ['Read(./secrets/**)', { rule: 'x' }] } },
      /permissions\.deny|expected/,
    ],
    ['deny that is not an array', { permissions: { deny: 'Bash' } }, /expected an array/],
    ['permissions that is not an object', { permissions: ['deny'] }, /expected an object/],
  ])('is fatal for %s', async (_name, content, reason) => {
    const file = await put(p('.claw', 'settings.local.json'), content);
    const loaded = await loadSettings({ workspaceRoot: ws, configHome });
    expect(loaded.fatal).toMatchObject({ file, severity: 'error', reason: expect.stringMatching(reason) });
    expect(loaded.fatal?.reason).toMatch(/claw stops rather than run without your deny rules/);
  });

  it('reads .mcp.json for compatibility, per entry', async () => {
    await put(p('.mcp.json'), { mcpServers: { fs: { command: 'mcp-fs', args: ['.'] }, broken: { url: 1 } } });
    const loaded = await loadSettings({ workspaceRoot: ws, configHome });
    expect(loaded.mcpJson.servers).toEqual({ fs: { command: 'mcp-fs', args: ['.'] } });
    expect(loaded.errors.map((e) => e.key)).toEqual(['mcpServers.broken']);
  });

  it('works with no files at all', async () => {
    const loaded = await loadSettings({ workspaceRoot: ws, configHome });
    expect(loaded.settings).toEqual({});
    expect(loaded.layers.every((l) => !l.exists)).toBe(true);
    expect(loaded.mcpJson.exists).toBe(false);
  });
});

describe('getSetting / setSetting', () => {
  const at = () => ({ workspaceRoot: ws, configHome });

  it('writes each scope to its file, keeps other keys, parses JSON values', async () => {
    await put(p('.claw', 'settings.json'), { model: 'keep-me', permissions: { allow: ['Read'] } });
    await setSetting({ ...at(), scope: 'project' }, 'permissions.defaultMode', parseSettingValue('plan'));
    await setSetting({ ...at(), scope: 'user' }, 'autoCompact.threshold', parseSettingValue('0.7'));
    await setSetting({ ...at(), scope: 'local' }, 'anthropicBeta', parseSettingValue('["a-2025","b"]'));

    expect(JSON.parse(await readFile(p('.claw', 'settings.json'), 'utf8'))).toEqual({
      model: 'keep-me',
      permissions: { allow: ['Read'], defaultMode: 'plan' },
    });
    expect(JSON.parse(await readFile(userFile(), 'utf8'))).toEqual({ autoCompact: { threshold: 0.7 } });
    expect(JSON.parse(await readFile(p('.claw', 'settings.local.json'), 'utf8'))).toEqual({
      anthropicBeta: ['a-2025', 'b'],
    });
    // No temp files left behind.
    expect((await readdir(p('.claw'))).sort()).toEqual(['settings.json', 'settings.local.json']);

    expect(await getSetting({ ...at(), scope: 'user' }, 'autoCompact.threshold')).toEqual({
      found: true,
      value: 0.7,
      source: userFile(),
    });
    expect(await getSetting(at(), 'permissions.defaultMode')).toEqual({
      found: true,
      value: 'plan',
      source: p('.claw', 'settings.json'),
    });
    expect(await getSetting(at(), 'nope.nothing')).toEqual({ found: false, value: undefined });

    await unsetSetting({ ...at(), scope: 'user' }, 'autoCompact.threshold');
    expect(JSON.parse(await readFile(userFile(), 'utf8'))).toEqual({ autoCompact: {} });
  });

  it.each([
    ['autoCompact.threshold', '1.7', /threshold/],
    ['permissions.defaultMode', 'yolo', /defaultMode/],
    ['permissions.deny', '"Bash"', /expected an array/],
    ['retry', '"soon"', /retry/],
  ])('refuses %s=%s with the reason and writes nothing', async (key, value, reason) => {
    await put(p('.claw', 'settings.json'), { model: 'm' });
    const before = await readFile(p('.claw', 'settings.json'), 'utf8');
    let error: ConfigError | undefined;
    try {
      await setSetting({ ...at(), scope: 'project' }, key, parseSettingValue(value));
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.kind).toBe('invalid_setting');
    expect(error?.message).toMatch(reason);
    expect(await readFile(p('.claw', 'settings.json'), 'utf8')).toBe(before);
  });

  it('refuses to overwrite a file that is not valid JSON, and bad keys', async () => {
    await put(p('.claw', 'settings.json'), '{ broken');
    await expect(setSetting({ ...at(), scope: 'project' }, 'model', 'x')).rejects.toMatchObject({
      kind: 'invalid_settings_file',
    });
    await expect(setSetting({ ...at(), scope: 'user' }, '__proto__.polluted', 1)).rejects.toMatchObject({
      kind: 'invalid_key',
    });
    await expect(setSetting({ ...at(), scope: 'user' }, 'a..b', 1)).rejects.toMatchObject({
      kind: 'invalid_key',
    });
  });
});

describe('environment overrides', () => {
  const provenance = new Map([['model', '/p/.claw/settings.json']]);
  it.each([
    [
      { model: 'sonnet', aliases: { sonnet: 'claude-sonnet-4-5' } },
      new Map([['model', 'flags']]),
      { CLAW_MODEL: 'env' },
      { model: 'claude-sonnet-4-5', requested: 'sonnet', source: 'flag' },
    ],
    [
      { model: 's' },
      provenance,
      { CLAW_MODEL: 'claw-env', ANTHROPIC_MODEL: 'anth' },
      { model: 'claw-env', source: 'env:CLAW_MODEL' },
    ],
    [
      { model: 's' },
      provenance,
      { ANTHROPIC_MODEL: 'anth' },
      { model: 'anth', source: 'env:ANTHROPIC_MODEL' },
    ],
    [
      { model: 's' },
      provenance,
      { CLAW_MODEL: '  ' },
      { model: 's', source: 'settings', path: '/p/.claw/settings.json' },
    ],
    [{}, new Map(), {}, { model: 'default-model', source: 'default' }],
  ])('resolveEffectiveModel %#', (settings, prov, env, expected) => {
    expect(resolveEffectiveModel({ settings, provenance: prov, env, defaultModel: 'default-model' })).toEqual(
      expected,
    );
  });

  it('CLAW_AUTO_COMPACT_TOKENS overrides settings when a positive integer', () => {
    const settings = { autoCompact: { threshold: 0.5, tokens: 1000 } };
    expect(resolveAutoCompact(settings, { CLAW_AUTO_COMPACT_TOKENS: '5000' })).toEqual({
      enabled: true,
      threshold: 0.5,
      tokens: 5000,
      tokensSource: 'env:CLAW_AUTO_COMPACT_TOKENS',
    });
    expect(resolveAutoCompact(settings, { CLAW_AUTO_COMPACT_TOKENS: 'abc' })).toMatchObject({
      tokens: 1000,
      tokensSource: 'settings',
    });
    expect(resolveAutoCompact({}, {})).toEqual({ enabled: true, threshold: 0.8 });
  });
});
