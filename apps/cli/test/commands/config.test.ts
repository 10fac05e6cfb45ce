import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

const files = () => ({
  user: join(sandbox.configHome, 'settings.json'),
  project: join(sandbox.workspace, '.claw', 'settings.json'),
  local: join(sandbox.workspace, '.claw', 'settings.local.json'),
});
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('claw config', () => {
  it('sets per scope (default local), parses JSON values and lists provenance', async () => {
    const f = files();
    expect(
      (await runClaw(['config', 'set', 'model', 'claude-haiku-4-5', '--scope=user'], { sandbox })).code,
    ).toBe(0);
    expect(
      (await runClaw(['config', 'set', 'model', 'claude-opus-4-1', '--scope=project'], { sandbox })).code,
    ).toBe(0);
    const local = await runClaw(['config', 'set', 'permissions.allow', '["Bash(npm test:*)"]'], { sandbox });
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toContain('(local)');
    expect((await runClaw(['config', 'set', '-g', 'autoCompact.threshold', '0.7'], { sandbox })).code).toBe(
      0,
    );

    expect(readJson(f.user)).toEqual({ model: 'claude-haiku-4-5', autoCompact: { threshold: 0.7 } });
    expect(readJson(f.project)).toEqual({ model: 'claude-opus-4-1' });
    expect(readJson(f.local)).toEqual({ permissions: { allow: ['Bash(npm test:*)'] } });

    const listed = onlyJson(
      (await runClaw(['config', 'list', '--output-format', 'json'], { sandbox })).stdout,
    ) as {
      settings: Array<{ key: string; value: unknown; source: string }>;
    };
    expect(listed.settings).toEqual([
      { key: 'autoCompact.threshold', value: 0.7, source: f.user },
      { key: 'model', value: 'claude-opus-4-1', source: f.project },
      { key: 'permissions.allow', value: ['Bash(npm test:*)'], source: f.local },
    ]);
    const text = await runClaw(['config'], { sandbox });
    expect(text.stdout).toMatch(/^model\s+claude-opus-4-1\s+\S+\.claw\/settings\.json$/m);

    const userOnly = onlyJson(
      (await runClaw(['config', 'list', '--scope=user', '--output-format', 'json'], { sandbox })).stdout,
    ) as { settings: Array<{ key: string }> };
    expect(userOnly.settings.map((s) => s.key)).toEqual(['model', 'autoCompact.threshold']);
  });

  it('gets the effective value with its file, or one scope', async () => {
    writeTree(sandbox.configHome, { 'settings.json': '{"model":"claude-haiku-4-5"}' });
    writeTree(sandbox.workspace, { '.claw/settings.json': '{"model":"claude-opus-4-1"}' });
    const effective = await runClaw(['config', 'get', 'model'], { sandbox });
    expect(effective.stdout).toBe('claude-opus-4-1\n');
    expect(effective.stderr).toContain(join('.claw', 'settings.json'));
    const user = await runClaw(['config', 'get', 'model', '--scope=user', '--output-format', 'json'], {
      sandbox,
    });
    expect(onlyJson(user.stdout)).toMatchObject({ value: 'claude-haiku-4-5', source: files().user });
    const missing = await runClaw(['config', 'get', 'outputStyle'], { sandbox });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('outputStyle is not set');
  });

  it('refuses an invalid value with exit 2 and writes nothing', async () => {
    const run = await runClaw(
      ['config', 'set', 'permissions.defaultMode', 'sometimes', '--output-format', 'json'],
      {
        sandbox,
      },
    );
    expect(run.code).toBe(2);
    const error = onlyJson(run.stdout);
    expect(error).toMatchObject({ type: 'error', kind: 'invalid_setting' });
    expect(String(error.message)).toContain('permissions.defaultMode');
    expect(existsSync(files().local)).toBe(false);
  });

  it('refuses to rewrite a settings file that is not valid JSON (exit 1)', async () => {
    writeTree(sandbox.workspace, { '.claw/settings.local.json': '{ broken' });
    const run = await runClaw(['config', 'set', 'model', 'opus'], { sandbox });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not valid JSON');
    expect(readFileSync(files().local, 'utf8')).toBe('{ broken');
  });

  it('unsets a key and reports a key that was not set', async () => {
    writeTree(sandbox.workspace, { '.claw/settings.local.json': '{"model":"opus","verbose":true}' });
    const removed = await runClaw(['config', 'unset', 'model'], { sandbox });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed model');
    expect(readJson(files().local)).toEqual({ verbose: true });
    const again = await runClaw(['config', 'unset', 'model', '--output-format', 'json'], { sandbox });
    expect(onlyJson(again.stdout)).toMatchObject({ removed: false });
    const noFile = await runClaw(['config', 'unset', 'model', '--scope=project'], { sandbox });
    expect(noFile.code).toBe(0);
    expect(existsSync(files().project)).toBe(false);
  });
});
