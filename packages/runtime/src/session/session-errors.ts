export type SessionErrorKind =
  | 'session_locked'
  | 'session_not_found'
  | 'session_ambiguous'
  | 'invalid_session_id'
  | 'session_closed'
  | 'session_corrupt';

/** A session failure with a stable `kind` and a hint the CLI prints. */
export class SessionError extends Error {
  readonly kind: SessionErrorKind;
  readonly hint: string | undefined;
  constructor(kind: SessionErrorKind, message: string, hint?: string) {
    super(message);
    this.name = 'SessionError';
    this.kind = kind;
    this.hint = hint;
  }
}
