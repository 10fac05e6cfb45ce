import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
  writeTree(sandbox.workspace, {
    '.mcp.json': JSON.stringify({
      mcpServers: { db: { command: 'db-server' }, search: { command: 'search' } },
    }),
  });
});
afterEach(() => sandbox.cleanup());

const stateOf = async (box: Sandbox = sandbox): Promise<Record<string, string>> => {
  const run = await runClaw(['mcp', 'list', '--output-format', 'json'], { sandbox: box });
  const { servers } = onlyJson(run.stdout) as { servers: Array<{ name: string; state: string }> };
  return Object.fromEntries(servers.map((s) => [s.name, s.state]));
};
const localSettings = () =>
  JSON.parse(readFileSync(join(sandbox.workspace, '.claw', 'settings.local.json'), 'utf8')) as Record<
    string,
    unknown
  >;

describe('claw mcp approve', () => {
  it('approves .mcp.json servers for this workspace, keeping earlier choices, and --reject turns one off', async () => {
    expect(await stateOf()).toEqual({ db: 'pending-approval', search: 'pending-approval' });
    const first = await runClaw(['mcp', 'approve', 'db'], { sandbox });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Approved "db"');
    const second = await runClaw(['mcp', 'approve', 'search'], { sandbox });
    expect(second.code, second.stderr).toBe(0);
    expect(localSettings().enabledMcpjsonServers).toEqual(['db', 'search']);
    expect(await stateOf()).toEqual({ db: 'ok', search: 'ok' });

    const rejected = await runClaw(['mcp', 'approve', '--reject', 'db', '--output-format', 'json'], {
      sandbox,
    });
    expect(onlyJson(rejected.stdout)).toMatchObject({
      type: 'mcp_approval',
      approved: false,
      servers: ['db'],
    });
    expect(localSettings()).toMatchObject({
      enabledMcpjsonServers: ['search'],
      disabledMcpjsonServers: ['db'],
    });
    expect(await stateOf()).toEqual({ db: 'disabled', search: 'ok' });
  });

  it('refuses a name .mcp.json does not declare, writing nothing', async () => {
    const run = await runClaw(['mcp', 'approve', 'dbx'], { sandbox });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"dbx" is not in');
    expect(run.stderr).toContain('Its servers: db, search.');
    expect(() => localSettings()).toThrow();
  });

  it('says when the workspace is not trusted, so the approval waits for `claw trust`', async () => {
    const untrusted = createSandbox({ trusted: false });
    try {
      writeTree(untrusted.workspace, {
        '.mcp.json': JSON.stringify({ mcpServers: { db: { command: 'db' } } }),
      });
      const run = await runClaw(['mcp', 'approve', 'db'], { sandbox: untrusted });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('not trusted');
      expect((await stateOf(untrusted)).db).not.toBe('ok');
    } finally {
      untrusted.cleanup();
    }
  });
});
