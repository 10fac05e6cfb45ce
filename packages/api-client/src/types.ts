/**
 * Provider-neutral message model. It follows the Anthropic Messages API shapes because that is the richest
 * of the supported wire formats; the OpenAI-compatible provider translates to and from it.
 */

export interface CacheControl {
  type: 'ephemeral';
}

export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

export interface ImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string };
  cache_control?: CacheControl;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<TextBlock | ImageBlock>;
  is_error?: boolean;
  cache_control?: CacheControl;
}

export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type ContentBlock =
  | TextBlock
  | ImageBlock
  | ToolUseBlock
  | ToolResultBlock
  | ThinkingBlock
  | RedactedThinkingBlock;

export type Role = 'user' | 'assistant';

export interface Message {
  role: Role;
  content: ContentBlock[];
}

/** A tool as the model sees it: name, description and JSON Schema of its input. */
export interface ToolSpec {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

export interface ModelRequest {
  model: string;
  messages: Message[];
  system?: string | TextBlock[];
  tools?: ToolSpec[];
  maxTokens: number;
  temperature?: number;
  stopSequences?: string[];
  /** Extended thinking budget; omitted means thinking off. */
  thinkingBudgetTokens?: number;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/** The complete assistant message a stream ends with. */
export interface AssistantMessage {
  id: string;
  model: string;
  role: 'assistant';
  content: ContentBlock[];
  stopReason: StopReason | null;
  stopSequence?: string | null;
  usage: Usage;
  /** Provider request id (Anthropic `request-id` header) for support tickets. */
  requestId?: string;
  /**
   * A tool call the model was still writing when it hit `max_tokens`. Its input JSON is cut, so it is kept
   * out of `content` (sending it back would be rejected) and reported here for the runtime to continue or
   * report. Only set when `stopReason` is `max_tokens`.
   */
  incompleteToolUse?: IncompleteToolUse;
}

export interface IncompleteToolUse {
  index: number;
  id: string;
  name: string;
  /** The JSON text received before the cut; not parseable. */
  partialJson: string;
}

/**
 * Events a provider stream yields, in order: one `message_start`, block events, then exactly one
 * `message_stop` carrying the assembled message. `retry` may appear before any content.
 */
export type StreamEvent =
  | { type: 'message_start'; id: string; model: string; usage: Usage }
  | { type: 'text_delta'; index: number; text: string }
  | { type: 'thinking_delta'; index: number; thinking: string }
  | { type: 'tool_use_start'; index: number; id: string; name: string }
  | { type: 'tool_input_delta'; index: number; partialJson: string }
  | { type: 'block_stop'; index: number; block: ContentBlock }
  | { type: 'retry'; attempt: number; maxAttempts: number; delayMs: number; reason: string }
  | { type: 'message_stop'; message: AssistantMessage };

export interface StreamOptions {
  signal?: AbortSignal;
}

export interface Provider {
  /** `anthropic` or `openai-compatible`. */
  readonly kind: ProviderKind;
  stream(request: ModelRequest, options?: StreamOptions): AsyncIterable<StreamEvent>;
}

export type ProviderKind = 'anthropic' | 'openai-compatible';

export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}
