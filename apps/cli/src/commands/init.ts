import { BaseCommand } from '../base-command.js';
import { CliError } from '../cli-error.js';
import { workspaceFrom } from '../engine-options.js';
import { exists, initWorkspace } from '../init/workspace-init.js';

export default class Init extends BaseCommand {
  static override summary =
    'Set up claw in this project: .claw/settings.json, CLAW.md and .gitignore entries (idempotent).';
  static override description = `Creates what is missing and leaves everything else as it is:
- .claw/settings.json with empty permission rules;
- CLAW.md, a starter memory file — unless CLAUDE.md or CLAW.md already exists (claw reads CLAUDE.md too);
- .gitignore entries for .claw/sessions/ and .claw/settings.local.json (only the missing lines are appended;
  .gitignore is created if absent).
Running it again changes nothing; each item is reported as created, updated or skipped.`;
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init -C path/to/project'];

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const root = workspaceFrom(flags);
    if (!(await exists(root))) throw new CliError('not_found', `${root} does not exist`);
    const items = await initWorkspace(root);

    if (this.isJson(flags)) {
      this.writeJson({ type: 'init', workspace: root, items });
      return;
    }
    const { formatInitReport } = await import('@claw/commands');
    process.stdout.write(`${formatInitReport({ workspace: root, items })}\n`);
  }
}
