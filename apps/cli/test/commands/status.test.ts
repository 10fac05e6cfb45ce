import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

interface StatusJson {
  model: { id: string; requested?: string; source: string; path?: string };
  provider: { kind: string; reason: string };
  permissionMode: { mode: string; source: string; path?: string };
  memoryFiles: Array<{ path: string; bytes: number }>;
  configFiles: Array<{ path: string; exists: boolean; loaded: boolean; wins: string[]; issues: string[] }>;
  mcpServers: Array<{ name: string; state: string }>;
  hooks: { groups: number; issues: string[] };
  credential: { source: string | null };
}

async function status(args: string[] = [], env: Record<string, string> = {}): Promise<StatusJson> {
  const run = await runClaw(['status', '--output-format', 'json', ...args], { sandbox, env });
  expect(run.code, run.stderr).toBe(0);
  return onlyJson(run.stdout) as unknown as StatusJson;
}

describe('claw status', () => {
  it('shows the model source, provenance per file, permission mode and memory files', async () => {
    writeTree(sandbox.configHome, { 'settings.json': JSON.stringify({ model: 'haiku', env: { A: '1' } }) });
    writeTree(sandbox.workspace, {
      '.claw/settings.json': JSON.stringify({
        model: 'fast',
        aliases: { fast: 'claude-haiku-4-5' },
        permissions: { defaultMode: 'plan' },
      }),
      'CLAUDE.md': '# Project memory\n',
    });
    const report = await status();
    const projectFile = join(sandbox.workspace, '.claw', 'settings.json');
    expect(report.model).toEqual({
      id: 'claude-haiku-4-5',
      requested: 'fast',
      source: 'settings',
      path: projectFile,
    });
    expect(report.permissionMode).toEqual({ mode: 'read-only', source: 'settings', path: projectFile });
    const byPath = new Map(report.configFiles.map((f) => [f.path, f]));
    expect(byPath.get(join(sandbox.configHome, 'settings.json'))?.wins).toEqual(['env.A']);
    expect(byPath.get(projectFile)?.wins).toEqual(['aliases.fast', 'model', 'permissions.defaultMode']);
    expect(report.memoryFiles).toEqual([
      expect.objectContaining({ path: join(sandbox.workspace, 'CLAUDE.md'), bytes: 17 }),
    ]);
    expect(report.credential.source).toBeNull();
  });

  it('takes --model and $CLAW_MODEL into account, in that order', async () => {
    writeTree(sandbox.workspace, { '.claw/settings.json': JSON.stringify({ model: 'claude-haiku-4-5' }) });
    expect((await status([], { CLAW_MODEL: 'claude-opus-4-1' })).model).toMatchObject({
      id: 'claude-opus-4-1',
      source: 'env:CLAW_MODEL',
    });
    const flagged = await status(['--model', 'gpt-4o'], { CLAW_MODEL: 'claude-opus-4-1' });
    expect(flagged.model).toMatchObject({ id: 'gpt-4o', source: 'flag' });
    expect(flagged.provider.kind).toBe('openai-compatible');
    expect(flagged.provider.reason).toContain('gpt-4o');
  });

  it('reports MCP and hook validation and prints a readable text form', async () => {
    writeTree(sandbox.workspace, {
      '.claw/settings.local.json': JSON.stringify({
        mcpServers: { ok1: { command: 'node' }, bad: { url: 'not a url', type: 'http' } },
        hooks: { Nope: [] },
      }),
    });
    const report = await status(['--permission-mode', 'acceptEdits']);
    expect(report.permissionMode).toEqual({ mode: 'workspace-write', source: 'flag:--permission-mode' });
    expect(Object.fromEntries(report.mcpServers.map((s) => [s.name, s.state]))).toEqual({
      ok1: 'ok',
      bad: 'invalid',
    });
    expect(report.hooks.issues.join('\n')).toContain('hooks.Nope');

    const text = await runClaw(['status'], { sandbox });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Model ');
    expect(text.stdout).toContain('built-in default');
    expect(text.stdout).toContain('bad (local): invalid');
  });
});
