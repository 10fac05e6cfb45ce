import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings, trustWorkspace } from '../../src/config/index.js';
import { configuredMcpServers } from '../../src/engine/mcp-servers.js';

let root: string;
let workspaceRoot: string;
let configHome: string;
beforeEach(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-mcp-servers-')));
  workspaceRoot = join(root, 'ws');
  configHome = join(root, 'config');
  mkdirSync(workspaceRoot);
  mkdirSync(configHome);
  // Project and local settings only start servers in a trusted workspace (see workspace-trust.test.ts).
  await trustWorkspace(configHome, workspaceRoot);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

const server = (command: string) => ({ command, args: [] });

async function resolved(pluginServers: Record<string, unknown> = {}) {
  const loaded = await loadSettings({ workspaceRoot, configHome });
  const { servers } = await configuredMcpServers({
    loaded,
    configHome,
    mcpConfigFiles: [],
    env: {},
    pluginServers,
  });
  return Object.fromEntries(servers.map((s) => [s.name, s.type === 'stdio' ? s.command : s.url]));
}

describe('configuredMcpServers', () => {
  it('ranks sources as Claude Code does: user < project (.mcp.json) < local < plugins', async () => {
    write(join(configHome, 'settings.json'), {
      mcpServers: { a: server('user-a'), b: server('user-b'), c: server('user-c') },
    });
    write(join(workspaceRoot, '.mcp.json'), {
      mcpServers: { a: server('project-a'), b: server('project-b') },
    });
    write(join(workspaceRoot, '.claw', 'settings.local.json'), {
      enableAllProjectMcpServers: true,
      mcpServers: { a: server('local-a') },
    });
    expect(await resolved()).toEqual({ a: 'local-a', b: 'project-b', c: 'user-c' });
    expect(await resolved({ c: server('plugin-c') })).toEqual({
      a: 'local-a',
      b: 'project-b',
      c: 'plugin-c',
    });
  });

  it('leaves out a .mcp.json server that is not approved, and keeps the rest', async () => {
    write(join(workspaceRoot, '.mcp.json'), { mcpServers: { p: server('project-p') } });
    write(join(workspaceRoot, '.claw', 'settings.json'), { mcpServers: { s: server('settings-s') } });
    expect(await resolved()).toEqual({ s: 'settings-s' });
  });
});
