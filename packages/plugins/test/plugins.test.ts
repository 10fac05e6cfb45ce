// biome-ignore-all lint/suspicious/noTemplateCurlyInString: plugin configs carry literal ${VAR} references.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  disablePlugin,
  enablePlugin,
  installPlugin,
  listPlugins,
  loadEnabledPlugins,
  loadExtensions,
  loadPlugin,
  uninstallPlugin,
} from '../src/index.js';
import { demoPlugin, fakeContext, marketplace, workspace } from './helpers.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'claw-plugins-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('loadPlugin', () => {
  it('loads a Claude Code plugin with ${CLAUDE_PLUGIN_ROOT} expanded', async () => {
    const { plugin, issues } = await loadPlugin(demoPlugin);
    expect(issues).toEqual([]);
    expect(plugin).toMatchObject({ name: 'demo-plugin', version: '1.2.0', root: demoPlugin });
    expect(plugin?.commandDirs).toEqual([{ plugin: 'demo-plugin', dir: join(demoPlugin, 'commands') }]);
    expect(plugin?.hooks.PostToolUse).toEqual([
      {
        matcher: 'Write|Edit',
        hooks: [
          {
            type: 'command',
            command: `${demoPlugin}/scripts/format.sh`,
            timeout: 30,
            pluginRoot: demoPlugin,
          },
        ],
      },
    ]);
    expect(plugin?.mcpServers['demo-db']).toEqual({
      command: `${demoPlugin}/servers/db-server`,
      args: ['--config', `${demoPlugin}/config.json`],
      // Other variables are left for the MCP config expansion; the server learns its plugin's root.
      env: {
        CLAUDE_PLUGIN_ROOT: demoPlugin,
        CLAW_PLUGIN_ROOT: demoPlugin,
        DB_URL: '${DB_URL:-sqlite://local}',
      },
    });
  });

  it('accepts manifest commands and agents entries naming single Markdown files', async () => {
    const root = join(home, 'single-files');
    await mkdir(join(root, '.claude-plugin'), { recursive: true });
    await mkdir(join(root, 'extra'), { recursive: true });
    await writeFile(
      join(root, '.claude-plugin', 'plugin.json'),
      JSON.stringify({
        name: 'single',
        commands: ['./extra/hello.md'],
        agents: './extra/helper.md',
        skills: './missing',
      }),
    );
    await writeFile(join(root, 'extra', 'hello.md'), 'Say hello to $ARGUMENTS.');
    await writeFile(join(root, 'extra', 'helper.md'), '---\nname: helper\ndescription: Helps\n---\nHelp.');
    await writeFile(join(root, 'extra', 'unlisted.md'), 'Not named by the manifest.');
    const { plugin, issues } = await loadPlugin(root);
    expect(issues.map((i) => i.message)).toEqual(['skills: ./missing was not found']);
    expect(plugin?.commandDirs).toEqual([
      { plugin: 'single', dir: join(root, 'extra'), files: ['hello.md'] },
    ]);

    const ext = await loadExtensions({ workspaceRoot: home, configHome: home, extraPluginDirs: [root] });
    expect(ext.commands.map((c) => c.name)).toEqual(['single:hello']);
    expect(ext.agents.map((a) => a.name)).toContain('single:helper');
    expect(ext.agents.map((a) => a.name)).not.toContain('single:unlisted');
  });

  it('reports a directory without a manifest', async () => {
    const { plugin, issues } = await loadPlugin(workspace);
    expect(plugin).toBeUndefined();
    expect(issues[0]?.message).toMatch(/cannot read plugin manifest/);
  });
});

describe('plugin tools', () => {
  it('runs plugin_echo as a subprocess with JSON on stdin', async () => {
    const { plugin } = await loadPlugin(demoPlugin);
    const tool = plugin?.tools[0];
    if (!tool) throw new Error('no tool');
    expect(tool).toMatchObject({ name: 'plugin_echo', permission: 'read-only', concurrencySafe: true });
    expect(tool.jsonSchema).toMatchObject({ required: ['message'] });
    expect(tool.inputSchema.safeParse({}).success).toBe(false);
    const result = await tool.execute({ message: 'hello' }, fakeContext());
    expect(result.isError).toBeUndefined();
    expect(JSON.parse(String(result.content))).toEqual({ echoed: 'hello', root: demoPlugin });
    const failed = await tool.execute({ message: 'fail' }, fakeContext());
    expect(failed.isError).toBe(true);
    expect(failed.content).toMatch(/exit code 2[\s\S]*asked to fail/);
  });

  it('is cancelled by the abort signal', async () => {
    const { plugin } = await loadPlugin(demoPlugin);
    const controller = new AbortController();
    controller.abort();
    const result = await plugin?.tools[0]?.execute({ message: 'x' }, fakeContext(controller.signal));
    expect(result).toMatchObject({ isError: true });
  });
});

describe('plugin store', () => {
  it('installs from a marketplace, toggles, loads and uninstalls', async () => {
    await expect(installPlugin({ configHome: home, source: marketplace })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(
      installPlugin({ configHome: home, source: marketplace, plugin: 'remote-plugin' }),
    ).rejects.toMatchObject({
      kind: 'invalid_marketplace',
    });
    const record = await installPlugin({ configHome: home, source: marketplace, plugin: 'demo-plugin' });
    expect(record).toMatchObject({
      name: 'demo-plugin',
      enabled: true,
      marketplace: 'demo-market',
      path: join(home, 'plugins/demo-plugin'),
    });
    expect(
      JSON.parse(await readFile(join(home, 'plugins/registry.json'), 'utf8')).plugins['demo-plugin'].enabled,
    ).toBe(true);

    const enabled = await loadEnabledPlugins({ configHome: home });
    expect(enabled.plugins.map((p) => p.name)).toEqual(['demo-plugin']);
    expect(enabled.tools.map((t) => t.name)).toEqual(['plugin_echo']);
    expect(Object.keys(enabled.mcpServers)).toEqual(['demo-db']);
    expect(JSON.stringify(enabled.hooks)).toContain(join(home, 'plugins/demo-plugin/scripts/format.sh'));

    const all = await loadExtensions({ workspaceRoot: workspace, configHome: home });
    expect(all.skills.map((s) => s.name)).toEqual(['pdf-helper', 'demo-plugin:greet']);
    expect(all.commands.map((c) => c.name)).toEqual(['frontend:lint', 'review', 'demo-plugin:hello']);
    expect(all.agents.map((a) => a.name)).toEqual(['code-reviewer', 'demo-plugin:helper', 'general-purpose']);
    expect(all.agents.find((a) => a.name === 'demo-plugin:helper')).toMatchObject({
      tools: ['Read', 'Bash'],
      model: 'inherit',
    });

    await disablePlugin({ configHome: home }, 'demo-plugin');
    expect((await loadEnabledPlugins({ configHome: home })).plugins).toEqual([]);
    await enablePlugin({ configHome: home }, 'demo-plugin');
    expect((await listPlugins({ configHome: home }))[0]?.enabled).toBe(true);
    await uninstallPlugin({ configHome: home }, 'demo-plugin');
    expect(await listPlugins({ configHome: home })).toEqual([]);
    await expect(stat(join(home, 'plugins/demo-plugin'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(disablePlugin({ configHome: home }, 'demo-plugin')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('installs from a local plugin directory and refuses duplicates', async () => {
    const record = await installPlugin({ configHome: home, source: demoPlugin, enable: false });
    expect(record.enabled).toBe(false);
    await expect(installPlugin({ configHome: home, source: demoPlugin })).rejects.toMatchObject({
      kind: 'already_exists',
    });
    expect((await installPlugin({ configHome: home, source: demoPlugin, force: true })).enabled).toBe(true);
  });
});
