import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { formatTable } from '../../reports/table.js';

export default class SkillsShow extends BaseCommand {
  static override aliases = ['skill show'];
  static override summary = 'Show a skill: where it comes from, its front matter and its instructions.';
  static override examples = ['<%= config.bin %> skills show my-skill'];
  static override args = { name: Args.string({ description: 'Skill name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SkillsShow);
    const { loadExtensions } = await import('@claw/plugins');
    const ext = await loadExtensions({
      workspaceRoot: workspaceFrom(flags),
      configHome: configHomeFrom(process.env),
    });
    const skill = ext.skills.find((s) => s.name === args.name);
    if (!skill)
      throw new CliError('not_found', `No skill named "${args.name}"`, { hint: 'Run `claw skills list`.' });
    if (this.isJson(flags)) {
      this.writeJson({ type: 'skill', ...skill });
      return;
    }
    const header = formatTable([
      ['Name', skill.name],
      ['Description', skill.description],
      ['Source', skill.plugin ? `plugin ${skill.plugin}` : skill.source],
      ['File', skill.path],
      ...(skill.allowedTools ? [['Allowed tools', skill.allowedTools.join(', ')]] : []),
      ...(skill.model ? [['Model', skill.model]] : []),
    ]);
    process.stdout.write(`${header}\n\n${skill.body.trim()}\n`);
  }
}
