import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { toCliError } from '../../reports/domain-error.js';

export default class SkillsUninstall extends BaseCommand {
  static override summary =
    'Remove an installed skill (project scope first, then user, unless --scope says which).';
  static override examples = [
    '<%= config.bin %> skills uninstall pdf',
    '<%= config.bin %> skills uninstall pdf --scope user',
  ];
  static override aliases = ['skills rm', 'skills remove', 'skill uninstall', 'skill rm', 'skill remove'];
  static override args = { name: Args.string({ description: 'Skill name.', required: true }) };
  static override flags = {
    scope: Flags.string({
      char: 's',
      description: 'Remove from this scope only.',
      options: ['user', 'project'],
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SkillsUninstall);
    const { uninstallSkill, PluginsError } = await import('@claw/plugins');
    const location = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env) };
    const scopes = flags.scope ? [flags.scope as 'user' | 'project'] : (['project', 'user'] as const);
    for (const scope of scopes) {
      try {
        const removed = await uninstallSkill(args.name, { ...location, scope });
        if (this.isJson(flags))
          this.writeJson({ type: 'skill_uninstalled', name: args.name, scope, ...removed });
        else process.stdout.write(`Removed skill "${args.name}" from ${removed.path} (${scope}).\n`);
        return;
      } catch (error) {
        // Not in this scope: try the next one; anything else is a real failure.
        if (!(error instanceof PluginsError && error.kind === 'not_found')) throw toCliError(error);
      }
    }
    throw new CliError(
      'not_found',
      `No installed skill named "${args.name}"${flags.scope ? ` in ${flags.scope} scope` : ''}`,
      {
        hint: 'Skills from .claude/skills or plugins are not managed by claw; run `claw skills list`.',
      },
    );
  }
}
