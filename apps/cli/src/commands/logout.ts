import { BaseCommand } from '../base-command.js';
import { configHomeFrom } from '../engine-options.js';

export default class Logout extends BaseCommand {
  static override summary = 'Remove stored credentials (OAuth tokens and API key).';

  async run(): Promise<void> {
    const { flags } = await this.parse(Logout);
    const { logout } = await import('@claw/auth');
    const result = await logout({ configHome: configHomeFrom(process.env) });
    if (this.isJson(flags)) this.writeJson(result);
    else
      process.stdout.write(
        result.removed ? `Removed stored credentials from ${result.location}.\n` : 'No stored credentials.\n',
      );
  }
}
