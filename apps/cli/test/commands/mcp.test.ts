import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

// A literal `${VAR}` reference, as a user types it: stored unexpanded.
const API_KEY_REF = ['$', '{API_KEY}'].join('');
const PLUGIN_ROOT_REF = ['$', '{CLAUDE_PLUGIN_ROOT}'].join('');

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

interface Listing {
  name: string;
  scope: string;
  state: string;
  message?: string;
  config: Record<string, unknown>;
}

async function listServers(): Promise<Listing[]> {
  const run = await runClaw(['mcp', 'list', '--output-format', 'json'], { sandbox });
  expect(run.code, run.stderr).toBe(0);
  return (onlyJson(run.stdout) as { servers: Listing[] }).servers;
}

describe('claw mcp', () => {
  it('adds, lists, gets and removes servers across scopes', async () => {
    const stdio = await runClaw(
      ['mcp', 'add', `--env=API_KEY=${API_KEY_REF}`, 'files', '--', 'node', 'server.js'],
      {
        sandbox,
      },
    );
    expect(stdio.code, stdio.stderr).toBe(0);
    expect(stdio.stdout).toContain('Added stdio MCP server "files"');
    const http = await runClaw(
      [
        'mcp',
        'add',
        '--transport=http',
        '--scope=user',
        '--header=Authorization: Bearer x',
        'web',
        'https://example.com/mcp',
      ],
      { sandbox },
    );
    expect(http.code, http.stderr).toBe(0);
    const project = await runClaw(['mcp', 'add', '--scope=project', 'shared', '--', 'node', 'shared.js'], {
      sandbox,
    });
    expect(project.code, project.stderr).toBe(0);

    const local = JSON.parse(readFileSync(join(sandbox.workspace, '.claw', 'settings.local.json'), 'utf8'));
    expect(local.mcpServers.files).toEqual({
      type: 'stdio',
      command: 'node',
      args: ['server.js'],
      env: { API_KEY: API_KEY_REF },
    });
    const user = JSON.parse(readFileSync(join(sandbox.configHome, 'settings.json'), 'utf8'));
    expect(user.mcpServers.web).toEqual({
      type: 'http',
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer x' },
    });

    const servers = await listServers();
    expect(servers.map((s) => [s.name, s.scope, s.state])).toEqual([
      ['web', 'user', 'ok'],
      ['shared', 'project', 'pending-approval'],
      ['files', 'local', 'invalid'],
    ]);
    expect(servers[2]?.message).toContain('API_KEY');

    const got = await runClaw(['mcp', 'get', 'web', '--output-format', 'json'], { sandbox });
    expect(onlyJson(got.stdout)).toMatchObject({
      type: 'mcp_server',
      name: 'web',
      scope: 'user',
      state: 'ok',
    });
    const text = await runClaw(['mcp', 'get', 'files'], { sandbox, env: { API_KEY: 'k' } });
    expect(text.stdout).toMatch(/State\s+ok/);

    expect((await runClaw(['mcp', 'remove', 'files'], { sandbox })).code).toBe(0);
    expect((await runClaw(['mcp', 'remove', 'web', '--scope=user'], { sandbox })).code).toBe(0);
    expect((await listServers()).map((s) => s.name)).toEqual(['shared']);
    const gone = await runClaw(['mcp', 'get', 'web'], { sandbox });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('No MCP server named "web"');
  });

  it('shows configured credentials shortened, never in full; variable references as written', async () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    writeTree(sandbox.configHome, {
      'settings.json': JSON.stringify({
        mcpServers: {
          remote: {
            type: 'http',
            url: `https://mcp.example.com/v1?api_key=${token}&region=eu`,
            headers: {
              Authorization: `Bearer ${token}`,
              'X-Api-Key': token,
              'X-Trace': 'visible',
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference in the config.
              'X-Token': '${TOKEN}',
            },
          },
          local: { command: 'srv', env: { GITHUB_TOKEN: token, LOG_LEVEL: 'debug' } },
        },
      }),
    });
    const outputs = [
      await runClaw(['mcp', 'get', 'remote'], { sandbox }),
      await runClaw(['mcp', 'get', 'remote', '--output-format', 'json'], { sandbox }),
      await runClaw(['mcp', 'get', 'local', '--output-format', 'json'], { sandbox }),
      await runClaw(['mcp', 'list'], { sandbox }),
      await runClaw(['mcp', 'list', '--output-format', 'json'], { sandbox }),
    ];
    for (const run of outputs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain(token);
      expect(run.stderr).not.toContain(token);
    }
    const remote = onlyJson(outputs[1]?.stdout ?? '') as {
      config: { url: string; headers: Record<string, string> };
    };
    expect(remote.config.headers.Authorization).toMatch(/^Bearer ghp_\w*…\w+$/);
    expect(remote.config.headers['X-Trace']).toBe('visible');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference in the config.
    expect(remote.config.headers['X-Token']).toBe('${TOKEN}');
    expect(remote.config.url).toContain('region=eu');
    const local = onlyJson(outputs[2]?.stdout ?? '') as { config: { env: Record<string, string> } };
    expect(local.config.env.LOG_LEVEL).toBe('debug');
  });

  it('validates each entry on its own: an invalid one next to a valid one', async () => {
    writeTree(sandbox.workspace, {
      '.claw/settings.local.json': JSON.stringify({
        mcpServers: { good: { command: 'node', args: ['a.js'] }, broken: { type: 'sse' } },
      }),
    });
    const servers = await listServers();
    expect(servers.find((s) => s.name === 'good')?.state).toBe('ok');
    expect(servers.find((s) => s.name === 'broken')).toMatchObject({ state: 'invalid' });
    const text = await runClaw(['mcp'], { sandbox });
    expect(text.stdout).toMatch(/^broken\s+local\s+invalid/m);
    expect(text.stdout).toMatch(/^good\s+local\s+ok\s+node a\.js/m);
  });

  it('refuses a bad add with exit 2 and writes nothing', async () => {
    const badName = await runClaw(['mcp', 'add', 'bad name', '--', 'node'], { sandbox });
    expect(badName.code).toBe(2);
    const noCommand = await runClaw(['mcp', 'add', 'lonely'], { sandbox });
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain('missing the command');
    const badUrl = await runClaw(['mcp', 'add', '--transport=http', 'web', 'not-a-url'], { sandbox });
    expect(badUrl.code).toBe(2);
    expect(await listServers()).toEqual([]);
  });

  it("lists and shows the servers of enabled plugins, above every scope, with the plugin's name", async () => {
    const plugin = join(sandbox.home, 'tools-plugin');
    writeTree(plugin, {
      '.claude-plugin/plugin.json': JSON.stringify({ name: 'tools-plugin', version: '1.0.0' }),
      '.mcp.json': JSON.stringify({
        mcpServers: { docs: { command: 'node', args: [`${PLUGIN_ROOT_REF}/docs.js`] } },
      }),
    });
    const added = await runClaw(['mcp', 'add', 'docs', '--', 'node', 'local-docs.js'], { sandbox });
    expect(added.code, added.stderr).toBe(0);
    const installed = await runClaw(['plugins', 'install', plugin], { sandbox });
    expect(installed.code, installed.stderr).toBe(0);

    const servers = await listServers();
    expect(servers.map((s) => [s.name, s.scope, (s as { shadowed?: boolean }).shadowed])).toEqual([
      ['docs', 'local', true],
      ['docs', 'plugin', false],
    ]);
    const text = await runClaw(['mcp', 'list'], { sandbox });
    expect(text.stdout).toMatch(/^docs\s+plugin:tools-plugin\s+ok\s+node \S+/m);
    const shown = await runClaw(['mcp', 'get', 'docs', '--output-format', 'json'], { sandbox });
    expect(onlyJson(shown.stdout)).toMatchObject({ scope: 'plugin', plugin: 'tools-plugin' });

    const disabled = await runClaw(['plugins', 'disable', 'tools-plugin'], { sandbox });
    expect(disabled.code, disabled.stderr).toBe(0);
    expect((await listServers()).map((s) => s.scope)).toEqual(['local']);
  });
});
