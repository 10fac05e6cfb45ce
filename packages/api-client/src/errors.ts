export type ApiErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'overloaded'
  | 'invalid_request'
  | 'context_too_long'
  | 'network'
  | 'timeout'
  | 'server'
  | 'aborted'
  | 'stream_interrupted'
  | 'invalid_response';

/** Every failure talking to a model surfaces as an ApiError with a stable kind, a message and a hint. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  /** Server-requested wait before retrying (`retry-after` / `retry-after-ms`), when it sent one. */
  readonly retryAfterMs: number | undefined;
  /**
   * At most this many retries for this failure, below the policy's: a failure that will not go away by
   * waiting (a host name that does not resolve, no local server listening) is retried once, not for minutes.
   */
  readonly retryLimit: number | undefined;

  constructor(
    kind: ApiErrorKind,
    message: string,
    options: {
      hint?: string;
      status?: number;
      retryable?: boolean;
      requestId?: string;
      retryAfterMs?: number;
      retryLimit?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.kind = kind;
    this.hint = options.hint;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    this.retryLimit = options.retryLimit;
  }
}
