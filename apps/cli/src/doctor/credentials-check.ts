import type { ProviderRoute } from '@claw/api-client';
import { type CheckResult, type DoctorContext, result } from './check.js';
import { effectiveRoute } from './effective-route.js';

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
    // No Anthropic credential: fine when the model goes to an OpenAI-compatible server with its own key, or
    // to a local one that takes none.
    const route = await effectiveRoute(ctx, false);
    if (route.kind === 'openai-compatible')
      return { check: openAiCredential(route, ctx, problems), present: false };
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

function openAiCredential(route: ProviderRoute, ctx: DoctorContext, problems: string[]): CheckResult {
  const where = `${route.model} at ${route.baseURL}`;
  if (route.apiKeyEnv === undefined) {
    return result('credentials', 'Credentials', 'pass', `none needed: ${where} takes no key`, problems);
  }
  const env = { ...ctx.env, ...(ctx.loaded.settings.env ?? {}) };
  const key = env[route.apiKeyEnv]?.trim();
  if (!key) {
    return result(
      'credentials',
      'Credentials',
      'warn',
      `none found — set ${route.apiKeyEnv} for ${where}`,
      problems,
    );
  }
  const preview = key.length >= 12 ? ` (${key.slice(0, 5)}…${key.slice(-4)})` : '';
  return result(
    'credentials',
    'Credentials',
    'pass',
    `API key from ${route.apiKeyEnv}${preview} for ${where}`,
    problems,
  );
}
