import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { installScopeFlag } from '../../reports/scope-flag.js';

export default class SkillsInstall extends BaseCommand {
  static override aliases = ['skill install'];
  static override summary = 'Install a skill from a local directory holding SKILL.md.';
  static override description =
    `Validates SKILL.md (front matter with name and description), then copies the directory
to .claw/skills/<name> (--scope project, the default) or $CLAW_CONFIG_HOME/skills/<name> (--scope user).
An installed skill of the same name is refused unless --force.`;
  static override examples = [
    '<%= config.bin %> skills install ./skills/pdf',
    '<%= config.bin %> skills install ~/shared/review --scope user --force',
  ];
  static override args = {
    path: Args.string({ description: 'Directory holding SKILL.md.', required: true }),
  };
  static override flags = {
    scope: installScopeFlag('Install for this project or for the user.'),
    force: Flags.boolean({ description: 'Replace an installed skill of the same name.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SkillsInstall);
    const { installSkill } = await import('@claw/plugins');
    const scope = flags.scope as 'user' | 'project';
    const installed = await withDomainErrors(() =>
      installSkill(resolve(args.path), {
        scope,
        workspaceRoot: workspaceFrom(flags),
        configHome: configHomeFrom(process.env),
        force: flags.force,
      }),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'skill_installed', scope, ...installed });
    else process.stdout.write(`Installed skill "${installed.name}" at ${installed.path} (${scope}).\n`);
  }
}
