import { type ResolvedCredential, redactSecretsInText } from '@claw/auth';
import type { ToolResult } from '@claw/tools';
import { redactStrings } from '../session/redact-strings.js';

/** Replaces the secrets a text may carry with a redacted preview (`sk-ant-…wxyz`). */
export type Redactor = (text: string) => string;

/** Environment variables whose values are claw's own credentials, whichever one is in use. */
const CREDENTIAL_VARIABLES = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'OPENAI_API_KEY'] as const;

/**
 * Redacts the credential claw is using (read again on every call: an OAuth refresh replaces it), the
 * credential variables of claw's own environment, and anything shaped like an Anthropic key. A command
 * that prints claw's environment (`/proc/<pid>/environ` in danger-full-access) or a key pasted into a
 * prompt must not reach the model, the terminal or a session file verbatim.
 */
export function credentialRedactor(
  source: { readonly credential: ResolvedCredential | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Redactor {
  const fromEnv = CREDENTIAL_VARIABLES.map((name) => env[name]);
  return (text) => redactSecretsInText(text, [source.credential?.value, ...fromEnv]);
}

/** A tool result with its text for the model and for the UI (diffs, text displays) redacted. */
export function redactToolResult(result: ToolResult, redact: Redactor): ToolResult {
  return redactStrings(result, redact);
}
