import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { formatTable, oneLine } from '../../reports/table.js';

export default class SkillsList extends BaseCommand {
  static override aliases = ['skills ls', 'skill list', 'skill ls'];
  static override summary =
    'List skills: .claw/skills, .claude/skills, $CLAW_CONFIG_HOME/skills and enabled plugins.';
  static override description =
    `A skill is a directory holding SKILL.md with YAML front matter (name, description),
as in Claude Code. The first skill of a name wins (project, then user, then plugins). Broken SKILL.md files
are listed on stderr.`;
  static override examples = [
    '<%= config.bin %> skills',
    '<%= config.bin %> skills list --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(SkillsList);
    const { loadExtensions } = await import('@claw/plugins');
    const ext = await loadExtensions({
      workspaceRoot: workspaceFrom(flags),
      configHome: configHomeFrom(process.env),
    });
    for (const issue of ext.issues) process.stderr.write(`warning: ${issue.path}: ${issue.message}\n`);
    const skills = ext.skills.map((s) => ({
      name: s.name,
      description: s.description,
      source: s.source,
      ...(s.plugin ? { plugin: s.plugin } : {}),
      path: s.path,
      ...(s.allowedTools ? { allowedTools: s.allowedTools } : {}),
      ...(s.model ? { model: s.model } : {}),
    }));
    if (this.isJson(flags)) {
      this.writeJson({ type: 'skills', skills, issues: ext.issues });
      return;
    }
    if (skills.length === 0) {
      process.stdout.write('No skills found. Install one with `claw skills install PATH`.\n');
      return;
    }
    const rows = skills.map((s) => [
      s.name,
      s.plugin ? `plugin:${s.plugin}` : s.source,
      oneLine(s.description, 70),
    ]);
    process.stdout.write(`${formatTable([['NAME', 'SOURCE', 'DESCRIPTION'], ...rows])}\n`);
  }
}
