import { type CheckResult, type DoctorContext, result } from './check.js';

/**
 * Which credential claw would use — source and redacted preview only, never the secret. No credential is a
 * warning, not a failure: local providers (Ollama, OpenAI-compatible gateways) need none.
 */
export async function checkCredentials(
  ctx: DoctorContext,
): Promise<{ check: CheckResult; present: boolean }> {
  const { describeCredentialSources } = await import('@claw/auth');
  const helper = ctx.loaded.settings.apiKeyHelper;
  const report = await describeCredentialSources({
    env: ctx.env,
    configHome: ctx.configHome,
    ...(helper ? { apiKeyHelper: helper } : {}),
  });
  const problems = report.sources
    .filter((source) => source.error)
    .map((source) => `${source.source}: ${source.error?.message ?? ''}`);
  if (!report.source) {
    const check = result(
      'credentials',
      'Credentials',
      'warn',
      'none found — set ANTHROPIC_API_KEY or run `claw login` (not needed for local providers)',
      problems,
    );
    return { check, present: false };
  }
  const what = report.kind === 'bearer' ? 'bearer token' : 'API key';
  const preview = report.preview ? ` (${report.preview})` : '';
  const check = report.expired
    ? result(
        'credentials',
        'Credentials',
        'warn',
        `${what} from ${report.source}${preview} has expired`,
        problems,
      )
    : result('credentials', 'Credentials', 'pass', `${what} from ${report.source}${preview}`, problems);
  return { check, present: true };
}
