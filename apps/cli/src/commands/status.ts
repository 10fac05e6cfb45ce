import { BaseCommand } from '../base-command.js';
import { configHomeFrom, workspaceFrom } from '../engine-options.js';
import { withDomainErrors } from '../reports/domain-error.js';
import { gatherStatus } from '../reports/status-report.js';
import { renderStatus } from '../reports/status-text.js';

export default class Status extends BaseCommand {
  static override summary =
    'Show the effective model, provider, permission mode, memory files, config files and validation.';
  static override description = `What a session started here would use, and why:
- the model and where it came from (--model, $CLAW_MODEL, $ANTHROPIC_MODEL, a settings file, the default),
  with the alias it was given as;
- the provider route and the reason it was chosen;
- the permission mode and its source;
- the credential source (never the secret);
- memory files in the order they enter the system prompt, with sizes;
- every settings file, whether it loaded, and which keys it supplies (later files win);
- MCP entries and hooks with their validation.

Global flags (--model, --permission-mode, --dangerously-skip-permissions, -C) are taken into account.`;
  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --model opus',
    '<%= config.bin %> status --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const report = await withDomainErrors(() =>
      gatherStatus({
        workspaceRoot: workspaceFrom(flags),
        configHome: configHomeFrom(process.env),
        env: process.env,
        flags,
      }),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'status', ...report });
    else process.stdout.write(renderStatus(report));
  }
}
