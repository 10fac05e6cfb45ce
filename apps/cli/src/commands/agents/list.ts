import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { formatTable, oneLine } from '../../reports/table.js';

export default class AgentsList extends BaseCommand {
  static override aliases = ['agents ls', 'agent list', 'agent ls'];
  static override summary =
    'List agent definitions (sub-agents for the Task tool): project, user, plugins, built-in.';
  static override description =
    `Agents are Markdown files with front matter (name, description, tools, model) in
.claw/agents, .claude/agents, $CLAW_CONFIG_HOME/agents or enabled plugins — Claude Code's format. The first
agent of a name wins; the built-in general-purpose agent is always available.`;
  static override examples = [
    '<%= config.bin %> agents',
    '<%= config.bin %> agents list --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(AgentsList);
    const { loadExtensions } = await import('@claw/plugins');
    const ext = await loadExtensions({
      workspaceRoot: workspaceFrom(flags),
      configHome: configHomeFrom(process.env),
    });
    for (const issue of ext.issues) process.stderr.write(`warning: ${issue.path}: ${issue.message}\n`);
    const agents = ext.agents.map(({ systemPrompt: _prompt, ...rest }) => rest);
    if (this.isJson(flags)) {
      this.writeJson({ type: 'agents', agents, issues: ext.issues });
      return;
    }
    const rows = agents.map((a) => [
      a.name,
      a.plugin ? `plugin:${a.plugin}` : a.source,
      a.model ?? 'inherit',
      a.tools ? oneLine(a.tools.join(','), 30) : 'all',
      oneLine(a.description, 60),
    ]);
    process.stdout.write(`${formatTable([['NAME', 'SOURCE', 'MODEL', 'TOOLS', 'DESCRIPTION'], ...rows])}\n`);
  }
}
