import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { messagePreview, renderSessionSummary } from '../../reports/session-text.js';

export default class SessionsShow extends BaseCommand {
  static override aliases = ['session show'];
  static override summary = 'Show a session: metadata, usage, and its transcript one line per message.';
  static override description = `ID is a session id, a unique prefix of one, or "latest".
--format markdown|json prints the full export instead (same as \`claw sessions export\`).`;
  static override examples = [
    '<%= config.bin %> sessions show latest',
    '<%= config.bin %> sessions show 2025 --format markdown',
  ];
  static override args = {
    id: Args.string({ description: 'Session id, unique prefix, or "latest".', required: true }),
  };
  static override flags = {
    format: Flags.string({
      description: 'Print the full export in this format.',
      options: ['markdown', 'json'],
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SessionsShow);
    const { SessionStore, exportSession } = await import('@claw/runtime');
    const store = new SessionStore({ workspaceRoot: workspaceFrom(flags) });
    await withDomainErrors(async () => {
      const session = await store.open(args.id, { readOnly: true });
      if (flags.format) {
        process.stdout.write(await exportSession(session, flags.format as 'markdown' | 'json'));
        return;
      }
      const loaded = await session.load();
      if (this.isJson(flags)) {
        this.writeJson({
          type: 'session',
          id: session.id,
          path: session.path,
          meta: loaded.meta ?? null,
          title: loaded.title ?? null,
          firstPrompt: loaded.firstPrompt ?? null,
          messageCount: loaded.totalMessageCount,
          compactions: loaded.compactions,
          usage: loaded.usageTotals,
          costUsd: loaded.costTotal ?? null,
          messages: loaded.messages.map((m) => ({ role: m.role, preview: messagePreview(m) })),
          warnings: loaded.warnings,
        });
        return;
      }
      process.stdout.write(renderSessionSummary(session.id, session.path, loaded));
    });
  }
}
