import { getApiKeyFromHelper } from './api-key-helper.js';
import { CREDENTIAL_SOURCE_ORDER, type CredentialKind, type CredentialSource } from './credential.js';
import type { CredentialsFile } from './credentials-file.js';
import { AuthError } from './errors.js';
import { redactSecret } from './redact.js';
import { optionalHelperSettings, type ResolveCredentialOptions, storeFor } from './resolve.js';

export interface CredentialSourceStatus {
  source: CredentialSource;
  kind: CredentialKind;
  present: boolean;
  /** The source `resolveCredential` would use. */
  active: boolean;
  /** `sk-ant-…abcd`; never the secret. Absent for an apiKeyHelper that was not run. */
  preview?: string;
  expiresAt?: number;
  expired?: boolean;
  refreshable?: boolean;
  scopes?: string[];
  detail?: string;
  error?: { reason: string; message: string; hint: string };
}

/** `claw auth status --output-format json` prints this object as is. */
export interface CredentialStatusReport {
  /** The winning source, or null when no credential is configured. */
  source: CredentialSource | null;
  kind: CredentialKind | null;
  preview: string | null;
  expiresAt: number | null;
  expired: boolean | null;
  scopes: string[] | null;
  credentialsPath: string;
  order: readonly CredentialSource[];
  sources: CredentialSourceStatus[];
}

export interface DescribeCredentialSourcesOptions extends ResolveCredentialOptions {
  /** Run the apiKeyHelper to show a preview of its key (it is not run otherwise). */
  probeApiKeyHelper?: boolean;
}

const KINDS: Record<CredentialSource, CredentialKind> = {
  apiKeyHelper: 'api-key',
  ANTHROPIC_API_KEY: 'api-key',
  ANTHROPIC_AUTH_TOKEN: 'bearer',
  oauth: 'bearer',
  'stored-api-key': 'api-key',
};

/**
 * Every source in resolution order: present or not, which one wins, expiry, scopes and a redacted preview.
 * Unlike `resolveCredential` it never throws for a broken source: a corrupt store or a failing helper is
 * reported on that source's entry, so `claw auth status` can always answer.
 */
export async function describeCredentialSources(
  options: DescribeCredentialSourcesOptions,
): Promise<CredentialStatusReport> {
  const now = (options.now ?? Date.now)();
  const store = storeFor(options);
  const statuses = new Map<CredentialSource, CredentialSourceStatus>();
  const set = (
    source: CredentialSource,
    fields: Partial<CredentialSourceStatus> & { present: boolean },
  ): void => {
    statuses.set(source, { source, kind: KINDS[source], active: false, ...fields });
  };

  const helper = options.apiKeyHelper;
  if (helper === undefined || helper === '') set('apiKeyHelper', { present: false });
  else if (!options.probeApiKeyHelper)
    set('apiKeyHelper', { present: true, detail: 'command configured (not run)' });
  else {
    try {
      const key = await getApiKeyFromHelper({
        command: helper,
        env: options.env,
        ...optionalHelperSettings(options),
      });
      set('apiKeyHelper', { present: true, preview: redactSecret(key) });
    } catch (error) {
      set('apiKeyHelper', { present: true, error: errorFields(error) });
    }
  }

  for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] as const) {
    const value = options.env[name]?.trim();
    set(name, value ? { present: true, preview: redactSecret(value) } : { present: false });
  }

  let file: CredentialsFile | undefined;
  let storeError: CredentialSourceStatus['error'];
  try {
    file = await store.read();
  } catch (error) {
    storeError = errorFields(error);
  }
  const oauth = file?.oauth;
  if (oauth !== undefined) {
    set('oauth', {
      present: true,
      preview: redactSecret(oauth.accessToken),
      scopes: oauth.scopes,
      refreshable: oauth.refreshToken !== undefined,
      ...(oauth.expiresAt !== undefined
        ? { expiresAt: oauth.expiresAt, expired: oauth.expiresAt <= now }
        : {}),
    });
  } else set('oauth', storeError ? { present: false, error: storeError } : { present: false });
  const apiKey = file?.apiKey;
  if (apiKey !== undefined) set('stored-api-key', { present: true, preview: redactSecret(apiKey.key) });
  else set('stored-api-key', storeError ? { present: false, error: storeError } : { present: false });

  const sources = CREDENTIAL_SOURCE_ORDER.map((source) => statuses.get(source)!);
  const winner = sources.find((status) => status.present);
  if (winner) winner.active = true;
  return {
    source: winner?.source ?? null,
    kind: winner?.kind ?? null,
    preview: winner?.preview ?? null,
    expiresAt: winner?.expiresAt ?? null,
    expired: winner?.expired ?? null,
    scopes: winner?.scopes ?? null,
    credentialsPath: store.location,
    order: CREDENTIAL_SOURCE_ORDER,
    sources,
  };
}

function errorFields(error: unknown): { reason: string; message: string; hint: string } {
  if (error instanceof AuthError) return { reason: error.reason, message: error.message, hint: error.hint };
  // Not an AuthError, so its message was not vetted for secrets: report only that it failed.
  return {
    reason: 'unknown',
    message: 'Reading this credential source failed unexpectedly.',
    hint: 'Run `claw doctor`.',
  };
}
