import { inspect } from 'node:util';
import { redactSecret } from './redact.js';

/** Resolution order, first wins. Shown by `claw auth status`. */
export const CREDENTIAL_SOURCE_ORDER = [
  'apiKeyHelper',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'oauth',
  'stored-api-key',
] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCE_ORDER)[number];

/** `api-key` → `x-api-key: <value>`; `bearer` → `Authorization: Bearer <value>`. */
export type CredentialKind = 'api-key' | 'bearer';

export interface ResolvedCredential {
  kind: CredentialKind;
  value: string;
  source: CredentialSource;
  /** Unix epoch milliseconds. */
  expiresAt?: number;
  scopes?: string[];
}

/**
 * Builds a credential whose secret does not leak through the usual accidents: `JSON.stringify`, template
 * logging and `console.log`/`util.inspect` show a redacted preview instead of `value`. The hooks are
 * non-enumerable, so equality checks and spreads see a plain `{ kind, value, source, … }` object.
 */
export function makeCredential(fields: ResolvedCredential): ResolvedCredential {
  const credential: ResolvedCredential = { ...fields };
  const safe = (): Record<string, unknown> => ({ ...credential, value: redactSecret(credential.value) });
  Object.defineProperties(credential, {
    toJSON: { value: safe, enumerable: false },
    [inspect.custom]: { value: () => safe(), enumerable: false },
  });
  return credential;
}

/** The HTTP headers that carry a credential to the Anthropic API. */
export function credentialHeaders(
  credential: Pick<ResolvedCredential, 'kind' | 'value'>,
): Record<string, string> {
  return credential.kind === 'api-key'
    ? { 'x-api-key': credential.value }
    : { authorization: `Bearer ${credential.value}` };
}
