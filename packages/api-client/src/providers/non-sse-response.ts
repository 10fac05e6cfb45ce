import type Anthropic from '@anthropic-ai/sdk';
import { apiErrorFromHttp, type ErrorContext, redactSecrets } from '../error-mapping.js';
import { ApiError } from '../errors.js';

/**
 * A 200 answer to a streaming request that is not an event stream: an HTML page (the base URL points at a
 * website or a login portal), a gateway that answered `stream: true` with one JSON body, or a JSON error.
 * Read as SSE it yields no events and would look like a dropped connection, retried for minutes.
 */
export type NonStreamBody = { kind: 'json'; value: unknown } | { kind: 'other'; mediaType: string };

/** No content-type at all gets the benefit of the doubt: some minimal servers send SSE without one. */
export function isEventStream(headers: Headers): boolean {
  const type = headers.get('content-type');
  return type === null || type.trim() === '' || /^\s*text\/event-stream/i.test(type);
}

function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() || 'no content-type';
}

export async function readNonStreamBody(response: Response): Promise<NonStreamBody> {
  const mediaType = mediaTypeOf(response.headers);
  if (!/json/.test(mediaType)) {
    // Not needed, but reading it lets the connection be reused.
    await response.text().catch(() => '');
    return { kind: 'other', mediaType };
  }
  const text = await response.text();
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'other', mediaType: `${mediaType} that does not parse` };
  }
}

/** Names the setting that chose the URL, so the hint says what to fix. */
const BASE_URL_SETTING: Record<ErrorContext['provider'], string> = {
  anthropic: 'ANTHROPIC_BASE_URL',
  'openai-compatible': 'OPENAI_BASE_URL (or OLLAMA_HOST)',
};

export function notAnEventStreamError(
  ctx: ErrorContext,
  url: string,
  got: string,
  requestId?: string,
): ApiError {
  const setting = BASE_URL_SETTING[ctx.provider];
  return new ApiError(
    'invalid_response',
    `Expected text/event-stream from ${redactSecrets(url)}, got ${got} — is ${setting} right?${requestId ? ` (request-id ${requestId})` : ''}`,
    {
      hint: `The server at that address does not speak the ${ctx.provider === 'anthropic' ? 'Anthropic Messages' : 'OpenAI Chat Completions'} streaming API. Check ${setting} (and settings "env") — a gateway's URL usually ends before /v1.`,
      retryable: false,
      ...(requestId ? { requestId } : {}),
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON error body (`{"type":"error","error":{…}}` or `{"error":…}`) sent with status 200. */
export function jsonErrorBody(value: unknown, ctx: ErrorContext, headers: Headers): ApiError | undefined {
  if (!isRecord(value) || value.error === undefined) return undefined;
  // Status left out on purpose: retryability then follows the error's type (overloaded, rate limited).
  return apiErrorFromHttp({ body: value, headers }, ctx);
}

/** A whole Messages API response, as a gateway that ignored `stream: true` sends it. */
export function isAnthropicMessage(value: unknown): value is Anthropic.Message {
  return isRecord(value) && value.type === 'message' && Array.isArray(value.content);
}

/**
 * The events that would have streamed the message, so the one stream assembler builds the final message
 * (and the caller sees the same deltas) whether or not the server streamed.
 */
export function messageAsStreamEvents(message: Anthropic.Message): Anthropic.RawMessageStreamEvent[] {
  const events: Anthropic.RawMessageStreamEvent[] = [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null, stop_sequence: null } },
  ];
  message.content.forEach((block, index) => {
    const start = (content_block: unknown): void => {
      events.push({
        type: 'content_block_start',
        index,
        content_block: content_block as Anthropic.RawContentBlockStartEvent['content_block'],
      });
    };
    const delta = (value: unknown): void => {
      events.push({
        type: 'content_block_delta',
        index,
        delta: value as Anthropic.RawContentBlockDeltaEvent['delta'],
      });
    };
    switch (block.type) {
      case 'text':
        start({ type: 'text', text: '' });
        delta({ type: 'text_delta', text: block.text });
        break;
      case 'tool_use':
        start({ ...block, input: {} });
        delta({ type: 'input_json_delta', partial_json: JSON.stringify(block.input ?? {}) });
        break;
      case 'thinking':
        start({ type: 'thinking', thinking: '', signature: '' });
        delta({ type: 'thinking_delta', thinking: block.thinking });
        delta({ type: 'signature_delta', signature: block.signature });
        break;
      default:
        start(block);
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence ?? null },
    usage: message.usage as unknown as Anthropic.MessageDeltaUsage,
  } as Anthropic.RawMessageDeltaEvent);
  events.push({ type: 'message_stop' });
  return events;
}
