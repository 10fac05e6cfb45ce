import { afterAll, beforeEach } from 'vitest';
import { type MockServer, type MockServerOptions, startMockServer } from '../src/index.js';

export interface ParsedSseEvent {
  event: string | undefined;
  data: string;
}

/** Splits an SSE body into events, checking the framing (`event:` then `data:`, blank line between). */
export function parseSse(body: string): ParsedSseEvent[] {
  return body
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const eventLine = lines.find((line) => line.startsWith('event: '));
      const dataLine = lines.find((line) => line.startsWith('data: '));
      if (dataLine === undefined) throw new Error(`SSE frame without data: ${JSON.stringify(frame)}`);
      return { event: eventLine?.slice('event: '.length), data: dataLine.slice('data: '.length) };
    });
}

/** Anthropic events as `{ type, ...data }`, checking that each `event:` name equals its data's `type`. */
// biome-ignore lint/suspicious/noExplicitAny: test code walks loosely-typed wire JSON
export type WireJson = Record<string, any>;

export function parseAnthropicEvents(body: string): WireJson[] {
  return parseSse(body).map(({ event, data }) => {
    const parsed = JSON.parse(data) as WireJson;
    if (parsed.type !== event) throw new Error(`event name ${event} does not match data.type ${parsed.type}`);
    return parsed;
  });
}

export const AUTH_HEADERS = {
  'x-api-key': 'test-key',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};

export function userMessage(text: string) {
  return { role: 'user', content: text };
}

export function messagesBody(messages: unknown[], extra: Record<string, unknown> = {}) {
  return { model: 'claude-test', max_tokens: 1024, messages, ...extra };
}

/** Starts one server for the file and resets it before each test. */
export function useMockServer(options: MockServerOptions = {}): () => MockServer {
  let server: MockServer | undefined;
  const ready = startMockServer(options).then((started) => {
    server = started;
    return started;
  });
  beforeEach(async () => {
    (await ready).reset();
  });
  afterAll(async () => {
    await (await ready).close();
  });
  return () => {
    if (!server) throw new Error('mock server not started yet');
    return server;
  };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = AUTH_HEADERS,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Streams `/v1/messages` and returns the parsed events. */
export async function streamMessages(
  server: MockServer,
  messages: unknown[],
  extra: Record<string, unknown> = {},
) {
  const response = await postJson(
    `${server.url}/v1/messages`,
    messagesBody(messages, { ...extra, stream: true }),
  );
  return { response, events: parseAnthropicEvents(await response.text()) };
}

/** Reassembles a streamed Anthropic message the way a client does. */
export function assembleMessage(events: WireJson[]): WireJson {
  const start = events.find((event) => event.type === 'message_start');
  if (!start) throw new Error('no message_start');
  const message: WireJson = { ...start.message, content: [] };
  const partialJson: string[] = [];
  for (const event of events) {
    if (event.type === 'content_block_start') {
      message.content[event.index] = { ...event.content_block };
      partialJson[event.index] = '';
    } else if (event.type === 'content_block_delta') {
      const block = message.content[event.index];
      const delta = event.delta;
      if (delta.type === 'text_delta') block.text += delta.text;
      else if (delta.type === 'thinking_delta') block.thinking += delta.thinking;
      else if (delta.type === 'signature_delta') block.signature = delta.signature;
      else if (delta.type === 'input_json_delta') partialJson[event.index] += delta.partial_json;
    } else if (event.type === 'content_block_stop') {
      const block = message.content[event.index];
      if (block.type === 'tool_use') {
        block.partial_json = partialJson[event.index];
        block.input = parseJsonOrUndefined(partialJson[event.index] || '{}');
      }
    } else if (event.type === 'message_delta') {
      Object.assign(message, event.delta);
      message.usage = { ...message.usage, ...event.usage };
    }
  }
  return message;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A tool call cut off by max_tokens has no complete input; callers assert on partial_json instead.
    return undefined;
  }
}

export async function readJson(response: Response): Promise<WireJson> {
  return (await response.json()) as WireJson;
}
