import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { loadCliSettings } from '../../settings-access.js';

export default class AuthStatus extends BaseCommand {
  static override summary =
    'Show which credential claw would use, where it came from, expiry and scopes (never the secret).';
  static override flags = {
    'probe-helper': Flags.boolean({ description: 'Also run apiKeyHelper to check that it works.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(AuthStatus);
    const { describeCredentialSources } = await import('@claw/auth');
    const settings = await loadCliSettings(flags);
    const report = await describeCredentialSources({
      env: process.env,
      configHome: configHomeFrom(process.env),
      ...(settings.apiKeyHelper ? { apiKeyHelper: settings.apiKeyHelper } : {}),
      probeApiKeyHelper: flags['probe-helper'],
    });
    if (this.isJson(flags)) {
      this.writeJson(report);
      return;
    }
    const lines = [
      report.source
        ? `Using ${report.kind === 'bearer' ? 'a bearer token' : 'an API key'} from ${report.source}${report.preview ? ` (${report.preview})` : ''}.`
        : 'No credentials found. Set ANTHROPIC_API_KEY or run `claw login`.',
    ];
    if (report.expiresAt)
      lines.push(`Expires: ${new Date(report.expiresAt).toISOString()}${report.expired ? ' (expired)' : ''}`);
    if (report.scopes && report.scopes.length > 0) lines.push(`Scopes: ${report.scopes.join(' ')}`);
    lines.push('', 'Sources, in order:');
    for (const source of report.sources) {
      const mark = source.active ? '●' : source.present ? '○' : '·';
      lines.push(
        `  ${mark} ${source.source}${source.present ? '' : ' (absent)'}${source.error ? ` — ${source.error.message}` : ''}`,
      );
    }
    lines.push('', `Store: ${report.credentialsPath}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
