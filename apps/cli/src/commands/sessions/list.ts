import { BaseCommand } from '../../base-command.js';
import { workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { renderSessionList } from '../../reports/session-text.js';

export default class SessionsList extends BaseCommand {
  static override aliases = ['sessions ls', 'session list', 'session ls'];
  static override summary = 'List the sessions of this workspace, newest first.';
  static override description =
    `Sessions live in .claw/sessions/<id>.jsonl in the workspace. Columns: id, last update,
message count, cost, and the title (or the first prompt). "(in use)" marks a session another claw is writing.`;
  static override examples = [
    '<%= config.bin %> sessions',
    '<%= config.bin %> sessions list --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(SessionsList);
    const { SessionStore } = await import('@claw/runtime');
    const store = new SessionStore({ workspaceRoot: workspaceFrom(flags) });
    const sessions = await withDomainErrors(() => store.list());
    if (this.isJson(flags)) {
      // null, not a missing key, when the cost is unknown (a model without a price was used).
      this.writeJson({
        type: 'sessions',
        sessions: sessions.map((s) => ({ ...s, costUsd: s.costUsd ?? null })),
      });
    } else process.stdout.write(renderSessionList(sessions));
  }
}
