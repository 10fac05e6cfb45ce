import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { loadCliSettings } from '../../settings-access.js';

type Report = Awaited<ReturnType<typeof import('@claw/auth').describeCredentialSources>>;

export default class AuthStatus extends BaseCommand {
  static override summary =
    'Show which credential claw would use, where it came from, expiry and scopes (never the secret).';
  static override description =
    `Sources are checked in this order, the first present one wins: apiKeyHelper (--api-key-helper or
settings), ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, stored OAuth tokens (claw login), stored API key
(claw login --api-key). --output-format json prints the full report.`;
  static override flags = {
    'api-key-helper': Flags.string({ description: 'A command whose stdout is the API key.' }),
    'probe-helper': Flags.boolean({ description: 'Also run apiKeyHelper to check that it works.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(AuthStatus);
    const { describeCredentialSources } = await import('@claw/auth');
    const settings = await loadCliSettings(flags);
    const apiKeyHelper = flags['api-key-helper'] ?? settings.apiKeyHelper;
    const report = await describeCredentialSources({
      env: process.env,
      configHome: configHomeFrom(process.env),
      ...(apiKeyHelper ? { apiKeyHelper } : {}),
      probeApiKeyHelper: flags['probe-helper'],
    });
    if (this.isJson(flags)) this.writeJson(report);
    else process.stdout.write(`${renderReport(report, Date.now()).join('\n')}\n`);
  }
}

const KIND_LABEL = { bearer: 'bearer token (Authorization: Bearer)', 'api-key': 'API key (x-api-key)' };

function renderReport(report: Report, now: number): string[] {
  const lines: string[] = [];
  if (report.source === null || report.kind === null) {
    lines.push('Not signed in: no credentials found. Run `claw login`, or set ANTHROPIC_API_KEY.');
  } else {
    lines.push(`Source:  ${report.source}`, `Kind:    ${KIND_LABEL[report.kind]}`);
    if (report.preview) lines.push(`Secret:  ${report.preview} (redacted)`);
    if (report.expiresAt !== null) lines.push(`Expires: ${describeExpiry(report.expiresAt, now)}`);
    if (report.scopes !== null)
      lines.push(`Scopes:  ${report.scopes.length > 0 ? report.scopes.join(' ') : '(none)'}`);
  }
  lines.push('', 'Sources, first present wins:');
  for (const source of report.sources) {
    const mark = source.active ? '●' : source.present ? '○' : '·';
    const state = source.active ? 'in use' : source.present ? 'present, not used' : 'absent';
    const detail = source.error ? ` — ${source.error.message}` : source.detail ? ` — ${source.detail}` : '';
    lines.push(`  ${mark} ${source.source} (${state})${detail}`);
  }
  lines.push('', `Store: ${report.credentialsPath}`);
  return lines;
}

function describeExpiry(expiresAt: number, now: number): string {
  const iso = new Date(expiresAt).toISOString();
  const minutes = Math.round((expiresAt - now) / 60_000);
  if (minutes <= 0) return `${iso} (expired; refreshed on next use if a refresh token is stored)`;
  return minutes < 120 ? `${iso} (in ${minutes} min)` : `${iso} (in ${Math.round(minutes / 60)} h)`;
}
