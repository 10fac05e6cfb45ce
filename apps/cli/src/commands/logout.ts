import { BaseCommand } from '../base-command.js';
import { CliError } from '../cli-error.js';
import { configHomeFrom } from '../engine-options.js';

const ENV_CREDENTIALS = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] as const;

export default class Logout extends BaseCommand {
  static override summary = 'Remove stored credentials (OAuth tokens and API key).';
  static override description =
    `Deletes $CLAW_CONFIG_HOME/credentials.json, also when it is corrupt. Credentials from the
environment (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN) or an apiKeyHelper are not touched; \`claw auth status\`
shows what is still in effect.`;

  async run(): Promise<void> {
    const { flags } = await this.parse(Logout);
    const auth = await import('@claw/auth');
    let result: Awaited<ReturnType<typeof auth.logout>>;
    try {
      result = await auth.logout({ configHome: configHomeFrom(process.env) });
    } catch (error) {
      if (auth.isAuthError(error)) throw new CliError('auth', error.message, { hint: error.hint });
      throw error;
    }
    const stillSet = ENV_CREDENTIALS.filter((name) => Boolean(process.env[name]?.trim()));
    if (this.isJson(flags)) {
      this.writeJson({ ...result, environmentCredentials: stillSet });
      return;
    }
    const lines = [
      result.removed ? `Removed stored credentials from ${result.location}.` : 'No stored credentials.',
    ];
    if (stillSet.length > 0)
      lines.push(`Still set in the environment (not changed by logout): ${stillSet.join(', ')}.`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
