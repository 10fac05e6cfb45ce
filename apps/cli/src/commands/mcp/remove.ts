import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { type SettingsScopeName, settingsScopeFlag } from '../../reports/scope-flag.js';

export default class McpRemove extends BaseCommand {
  static override summary =
    'Remove an MCP server from one scope (default: the first of local, project, user holding it).';
  static override examples = [
    '<%= config.bin %> mcp remove fs',
    '<%= config.bin %> mcp remove fs --scope project',
  ];
  static override aliases = ['mcp rm'];
  static override args = { name: Args.string({ description: 'Server name.', required: true }) };
  static override flags = {
    scope: settingsScopeFlag('Remove from this scope only.'),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(McpRemove);
    const { removeMcpServer } = await import('@claw/mcp');
    const removed = await withDomainErrors(() =>
      removeMcpServer({
        workspaceRoot: workspaceFrom(flags),
        configHome: configHomeFrom(process.env),
        name: args.name,
        ...(flags.scope ? { scope: flags.scope as SettingsScopeName } : {}),
      }),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'mcp_removed', name: args.name, ...removed });
    else process.stdout.write(`Removed MCP server "${args.name}" from ${removed.path} (${removed.scope}).\n`);
  }
}
