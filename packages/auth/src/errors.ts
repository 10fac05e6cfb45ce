/** Why an auth operation failed; stable so the CLI can map it to exit codes and JSON. */
export type AuthErrorReason =
  | 'no-credentials'
  | 'not-logged-in'
  | 'refresh-failed'
  | 'corrupt-store'
  | 'store-io'
  | 'lock-timeout'
  | 'state-mismatch'
  | 'oauth-denied'
  | 'oauth-not-configured'
  | 'token-exchange'
  | 'login-timeout'
  | 'aborted'
  | 'invalid-api-key'
  | 'api-key-helper';

/**
 * Every auth failure surfaces as an AuthError: `kind` is always `'auth'` (the CLI's error kind), `reason`
 * says which failure, `hint` tells the user what to do. Messages never contain a secret: callers build them
 * from names, paths, statuses and OAuth error codes only.
 */
export class AuthError extends Error {
  readonly kind = 'auth' as const;
  readonly reason: AuthErrorReason;
  readonly hint: string;

  constructor(reason: AuthErrorReason, message: string, hint: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AuthError';
    this.reason = reason;
    this.hint = hint;
  }

  /** The CLI's JSON error shape. */
  toJSON(): { type: 'error'; kind: 'auth'; reason: AuthErrorReason; message: string; hint: string } {
    return { type: 'error', kind: this.kind, reason: this.reason, message: this.message, hint: this.hint };
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}

export const LOGIN_HINT = 'Run `claw login` to sign in again (or set ANTHROPIC_API_KEY).';
