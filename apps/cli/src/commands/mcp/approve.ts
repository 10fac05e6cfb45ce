import { readFile } from 'node:fs/promises';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { usageError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';

/** The local settings file's own list under `key` (not the merged value of every layer). */
async function localList(path: string, key: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw usageError(`${path} is not valid JSON: ${(error as Error).message}`, 'Fix the file, then retry.');
  }
  const value = (parsed as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export default class McpApprove extends BaseCommand {
  static override summary = "Approve (or reject) servers of the project's .mcp.json for this workspace.";
  static override description =
    `A .mcp.json checked into a repository can start any program, so its servers start only once approved,
as in Claude Code. The choice is written to .claw/settings.local.json (enabledMcpjsonServers or
disabledMcpjsonServers), which is not shared. Project files count only in a trusted workspace (claw trust).`;
  static override examples = [
    '<%= config.bin %> mcp approve db',
    '<%= config.bin %> mcp approve db search',
    '<%= config.bin %> mcp approve --reject db',
  ];
  static override strict = false;
  static override args = {
    names: Args.string({ description: 'Server names from .mcp.json.', required: true }),
  };
  static override flags = {
    reject: Flags.boolean({ description: 'Reject instead: the servers never start here.' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(McpApprove);
    const names = [...new Set(argv as string[])];
    const { loadSettings, setSetting, settingsLayerSpecs } = await import('@claw/runtime');
    const location = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env) };
    const loaded = await loadSettings(location);
    const declared = Object.keys(loaded.mcpJson.servers ?? {});
    const unknown = names.filter((name) => !declared.includes(name));
    if (unknown.length > 0) {
      throw usageError(
        `${unknown.map((name) => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in ${loaded.mcpJson.path}.`,
        declared.length > 0 ? `Its servers: ${declared.join(', ')}.` : 'It declares no servers.',
      );
    }
    // The file `claw config set --scope local` writes (not Claude Code's .claude/settings.local.json).
    const localPath =
      settingsLayerSpecs(location).find((layer) => layer.scope === 'local' && !layer.compat)?.path ?? '';
    const [enabled, disabled] = await Promise.all([
      localList(localPath, 'enabledMcpjsonServers'),
      localList(localPath, 'disabledMcpjsonServers'),
    ]);
    const [add, remove] = flags.reject ? [disabled, enabled] : [enabled, disabled];
    const nextAdd = [...add, ...names.filter((name) => !add.includes(name))];
    const nextRemove = remove.filter((name) => !names.includes(name));
    const [addKey, removeKey] = flags.reject
      ? ['disabledMcpjsonServers', 'enabledMcpjsonServers']
      : ['enabledMcpjsonServers', 'disabledMcpjsonServers'];
    await setSetting({ ...location, scope: 'local' }, addKey, nextAdd);
    if (nextRemove.length !== remove.length) {
      await setSetting(
        { ...location, scope: 'local' },
        removeKey,
        nextRemove.length > 0 ? nextRemove : undefined,
      );
    }
    const trusted = loaded.trust.trusted;
    if (this.isJson(flags)) {
      this.writeJson({
        type: 'mcp_approval',
        approved: !flags.reject,
        servers: names,
        path: localPath,
        trusted,
      });
      return;
    }
    process.stdout.write(
      `${flags.reject ? 'Rejected' : 'Approved'} ${names.map((name) => `"${name}"`).join(', ')} in ${localPath}.\n`,
    );
    if (!trusted) {
      process.stderr.write(
        'note: this workspace is not trusted, so its project settings (this choice included) apply only after `claw trust`.\n',
      );
    }
  }
}
