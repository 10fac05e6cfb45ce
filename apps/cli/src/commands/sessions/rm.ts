import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class SessionsRm extends BaseCommand {
  static override summary = 'Delete a session of this workspace.';
  static override description =
    `ID is a session id, a unique prefix of one, or "latest". A session another claw
process is writing is refused.`;
  static override examples = ['<%= config.bin %> sessions rm 20250101-abcd'];
  static override aliases = ['sessions remove', 'session rm', 'session remove'];
  static override args = {
    id: Args.string({ description: 'Session id, unique prefix, or "latest".', required: true }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SessionsRm);
    const { SessionStore } = await import('@claw/runtime');
    const store = new SessionStore({ workspaceRoot: workspaceFrom(flags) });
    const id = await withDomainErrors(() => store.remove(args.id));
    if (this.isJson(flags)) this.writeJson({ type: 'session_removed', id });
    else process.stdout.write(`Removed session ${id}.\n`);
  }
}
