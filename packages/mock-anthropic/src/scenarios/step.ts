import type { ConversationView } from '../conversation/view.js';

/** Why the model stopped, as the Anthropic Messages API reports it. */
export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn';

/** Token usage in the Anthropic shape; every field the API reports. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Error types the real API uses in `{"type":"error","error":{"type":…}}`. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/**
 * How many attempts of the same request fail before the step is served normally.
 * A number N fails the first N attempts (retries are byte-identical, so they are counted);
 * `'always'` fails every attempt.
 */
export type FailAttempts = number | 'always';

/**
 * A failure injected instead of (or in the middle of) a step's normal reply. Once the failing attempts are used
 * up, the step is served normally. `afterDeltas` defaults to 1.
 */
export type Fault =
  | {
      kind: 'http_error';
      status: number;
      errorType: ApiErrorType;
      message?: string;
      /** Sets `retry-after` (seconds). */
      retryAfterSeconds?: number;
      /** Sets `retry-after-ms`, which the official SDKs prefer over `retry-after`. */
      retryAfterMs?: number;
      failAttempts?: FailAttempts;
    }
  | {
      /**
       * Closes the connection before a single response byte is sent, as a load balancer resetting it would:
       * the client sees a connection error before the first byte.
       */
      kind: 'connection_reset';
      failAttempts?: FailAttempts;
    }
  | {
      /** Streams the first `afterDeltas` content deltas, then destroys the socket. */
      kind: 'drop_mid_stream';
      afterDeltas?: number;
      failAttempts?: FailAttempts;
    }
  | {
      /**
       * Streams the first `afterDeltas` content deltas, then goes silent with the connection left open, as a
       * hung upstream does: only the client's idle timeout (or abort) ends it.
       */
      kind: 'stall_mid_stream';
      afterDeltas?: number;
      failAttempts?: FailAttempts;
    }
  | {
      /** Streams the first `afterDeltas` content deltas, then one event whose data is not JSON, then ends. */
      kind: 'malformed_event';
      afterDeltas?: number;
      failAttempts?: FailAttempts;
    }
  | {
      /** Streams the first `afterDeltas` content deltas, then an SSE `error` event (as the API does when overloaded mid-stream). */
      kind: 'stream_error_event';
      errorType?: ApiErrorType;
      message?: string;
      afterDeltas?: number;
      failAttempts?: FailAttempts;
    };

/** One tool call the model makes in a step. */
export interface ToolUseSpec {
  name: string;
  input: unknown;
  /** Defaults to a deterministic `toolu_mock_…` id unique within the conversation. */
  id?: string;
  /**
   * Streams only the first N characters of the input JSON, as when `max_tokens` cuts a tool call off.
   * The non-streaming reply then carries `input: {}`.
   */
  truncateInputAt?: number;
}

/** Characters per streamed delta: a fixed size, or sizes used in turn (e.g. `[1, 2, 3]`). */
export type ChunkSize = number | number[];

/**
 * Odd shapes real OpenAI-compatible local servers produce; only used by `/v1/chat/completions`.
 * `whole_message`: reasoning, text, every tool call (arguments whole) and the finish_reason in one chunk, as
 * servers that do not stream tool calls send them. `finish_stop`: `finish_reason: "stop"` even after tool
 * calls, as older Ollama versions do.
 */
export type OpenAiQuirk =
  | 'arguments_object'
  | 'no_ids'
  | 'single_chunk'
  | 'no_usage'
  | 'whole_message'
  | 'finish_stop';

export const KNOWN_QUIRKS: readonly OpenAiQuirk[] = [
  'arguments_object',
  'no_ids',
  'single_chunk',
  'no_usage',
  'whole_message',
  'finish_stop',
];

/**
 * What the model says at one step of a scenario. Blocks are emitted in the order
 * thinking, text, tool uses. JSON-serialisable, so the same shape is used by `MOCK_SCRIPT` tokens.
 */
export interface MockStep {
  thinking?: string;
  /** Defaults to a deterministic fake signature. */
  thinkingSignature?: string;
  text?: string;
  toolUses?: ToolUseSpec[];
  /** Defaults to `tool_use` when the step has tool uses, `end_turn` otherwise. */
  stopReason?: StopReason;
  /** Reported with `stopReason: 'stop_sequence'`. */
  stopSequence?: string;
  /** Overrides the estimated usage field by field. */
  usage?: Partial<Usage>;
  /** Characters per `text_delta` / `thinking_delta`; overrides the server option. */
  textChunkSize?: ChunkSize;
  /** Characters per `input_json_delta`; overrides the server option. */
  toolInputChunkSize?: ChunkSize;
  fault?: Fault;
  /** Pause between streamed events, in milliseconds. */
  delayMs?: number;
  openaiQuirks?: OpenAiQuirk[];
}

/** What a step function may look at: the conversation so far, provider-neutral. */
export interface StepContext {
  conversation: ConversationView;
  stepIndex: number;
}

/** A step is fixed data or computed from the request (e.g. to quote the last tool result). */
export type ScenarioStep = MockStep | ((context: StepContext) => MockStep);

/** A named scenario: a script of what the model says at each step. */
export interface ScenarioDefinition {
  name: string;
  /** One line for the README and error messages. */
  description: string;
  steps: readonly ScenarioStep[];
}
