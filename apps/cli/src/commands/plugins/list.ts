import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { formatTable, oneLine } from '../../reports/table.js';

export default class PluginsList extends BaseCommand {
  static override aliases = ['plugins ls', 'plugin list', 'plugin ls'];
  static override summary = 'List installed plugins and whether each is enabled.';
  static override description = `Plugins are installed per user in $CLAW_CONFIG_HOME/plugins and recorded in
plugins/registry.json. An enabled plugin brings its commands, agents, skills, hooks and MCP servers.`;
  static override examples = [
    '<%= config.bin %> plugins',
    '<%= config.bin %> plugins list --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(PluginsList);
    const { listPlugins } = await import('@claw/plugins');
    const plugins = await listPlugins({ configHome: configHomeFrom(process.env) });
    if (this.isJson(flags)) {
      this.writeJson({ type: 'plugins', plugins });
      return;
    }
    if (plugins.length === 0) {
      process.stdout.write('No plugins installed. Install one with `claw plugins install PATH`.\n');
      return;
    }
    const rows = plugins.map((p) => [
      p.name,
      p.version ?? '-',
      p.enabled ? 'enabled' : 'disabled',
      oneLine(p.description ?? '', 50),
      p.marketplace ? `${p.source} (${p.marketplace})` : p.source,
    ]);
    process.stdout.write(
      `${formatTable([['NAME', 'VERSION', 'STATE', 'DESCRIPTION', 'SOURCE'], ...rows])}\n`,
    );
  }
}
