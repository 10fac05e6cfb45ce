import { describe, expect, it } from 'vitest';
import { encodeScript } from '../src/index.js';
import {
  assembleMessage,
  messagesBody,
  parseAnthropicEvents,
  parseSse,
  postJson,
  useMockServer,
  userMessage,
} from './helpers.js';

const server = useMockServer();

function scenarioBody(name: string, stream = true) {
  return messagesBody([userMessage(`PARITY_SCENARIO:${name}`)], { stream });
}

async function post(body: unknown): Promise<Response> {
  return postJson(`${server().url}/v1/messages`, body);
}

/** Reads a body until it ends or the connection breaks; returns what arrived and whether it broke. */
async function readUntilBroken(response: Response): Promise<{ text: string; broken: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broken: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, broken: true };
  }
}

describe('HTTP faults fail the first attempt and let the identical retry succeed', () => {
  it('fault_429 sends rate_limit_error with retry-after headers', async () => {
    const first = await post(scenarioBody('fault_429'));
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.headers.get('retry-after-ms')).toBe('1000');
    expect(first.headers.get('request-id')).toMatch(/^req_mock_/);
    expect(await first.json()).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
    });

    const retry = await post(scenarioBody('fault_429'));
    expect(retry.status).toBe(200);
    const message = assembleMessage(parseAnthropicEvents(await retry.text()));
    expect(message.content[0].text).toBe('Recovered after a 429 rate limit.');
  });

  it.each([
    ['fault_500', 500, 'api_error'],
    ['fault_529', 529, 'overloaded_error'],
  ])('%s answers %i %s once', async (scenario, status, type) => {
    const first = await post(scenarioBody(scenario));
    expect(first.status).toBe(status);
    expect(await first.json()).toMatchObject({ type: 'error', error: { type } });
    expect((await post(scenarioBody(scenario))).status).toBe(200);
  });

  it('fault_529_always fails every attempt', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await post(scenarioBody('fault_529_always'));
      expect(response.status).toBe(529);
      expect(await response.json()).toEqual({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      });
    }
  });

  it('counts attempts per distinct request body, and reset() forgets them', async () => {
    expect((await post(scenarioBody('fault_500'))).status).toBe(500);
    // A different body (here: non-streaming) is a different request, so it fails on its own first attempt.
    expect((await post(scenarioBody('fault_500', false))).status).toBe(500);
    expect((await post(scenarioBody('fault_500', false))).status).toBe(200);
    server().reset();
    expect((await post(scenarioBody('fault_500'))).status).toBe(500);
  });

  it('a scripted fault can fail the first N attempts', async () => {
    const token = encodeScript([
      {
        fault: { kind: 'http_error', status: 429, errorType: 'rate_limit_error', failAttempts: 2 },
        text: 'ok',
      },
    ]);
    const body = messagesBody([userMessage(token)]);
    expect((await post(body)).status).toBe(429);
    expect((await post(body)).status).toBe(429);
    expect((await post(body)).status).toBe(200);
  });
});

describe('stream faults', () => {
  it('fault_drop_mid_stream sends some text deltas, then destroys the socket', async () => {
    const first = await post(scenarioBody('fault_drop_mid_stream'));
    expect(first.status).toBe(200);
    const { text, broken } = await readUntilBroken(first);
    expect(broken).toBe(true);
    const deltas = parseSse(text).filter((event) => event.event === 'content_block_delta');
    expect(deltas).toHaveLength(2);
    expect(text).not.toContain('message_stop');

    const retry = await post(scenarioBody('fault_drop_mid_stream'));
    const message = assembleMessage(parseAnthropicEvents(await retry.text()));
    expect(message.content[0].text).toBe('This reply is cut off once, then streamed in full on retry.');
  });

  it('fault_malformed_event sends an event whose data is not JSON, then ends', async () => {
    const first = await post(scenarioBody('fault_malformed_event'));
    const frames = parseSse(await first.text());
    const last = frames.at(-1)!;
    expect(last.event).toBe('content_block_delta');
    expect(() => JSON.parse(last.data)).toThrow();
    expect(frames.some((frame) => frame.event === 'message_stop')).toBe(false);

    const retry = await post(scenarioBody('fault_malformed_event'));
    expect(assembleMessage(parseAnthropicEvents(await retry.text())).content[0].text).toBe(
      'Recovered after a malformed event.',
    );
  });

  it('fault_overloaded_mid_stream sends an SSE error event after a delta', async () => {
    const first = await post(scenarioBody('fault_overloaded_mid_stream'));
    const events = parseAnthropicEvents(await first.text());
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(events.filter((event) => event.type === 'content_block_delta')).toHaveLength(1);
    expect((await post(scenarioBody('fault_overloaded_mid_stream'))).status).toBe(200);
  });

  it('without streaming, a drop closes the connection and a malformed event is a truncated body', async () => {
    await expect(post(scenarioBody('fault_drop_mid_stream', false))).rejects.toThrow();
    const malformed = await post(scenarioBody('fault_malformed_event', false));
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
  });
});
