import { describe, expect, it } from 'vitest';
import { encodeScript } from '../src/index.js';
import { parseSse, postJson, readJson, useMockServer, type WireJson } from './helpers.js';

const server = useMockServer();
const BEARER = { authorization: 'Bearer sk-local', 'content-type': 'application/json' };

function chatBody(messages: unknown[], extra: Record<string, unknown> = {}) {
  return { model: 'local-model', messages, ...extra };
}

async function streamChat(messages: unknown[], extra: Record<string, unknown> = {}) {
  const response = await postJson(
    `${server().url}/v1/chat/completions`,
    chatBody(messages, { stream: true, ...extra }),
    BEARER,
  );
  const frames = parseSse(await response.text());
  expect(frames.every((frame) => frame.event === undefined)).toBe(true);
  expect(frames.at(-1)?.data).toBe('[DONE]');
  return { response, chunks: frames.slice(0, -1).map((frame) => JSON.parse(frame.data) as WireJson) };
}

interface AssembledCall {
  id?: string;
  name?: string;
  arguments: unknown;
}

/** Merges streamed deltas the way OpenAI clients do: content appended, tool calls merged by index. */
function assemble(chunks: WireJson[]) {
  let content = '';
  let finishReason: string | undefined;
  const calls: AssembledCall[] = [];
  for (const chunk of chunks) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? '';
    finishReason = choice.finish_reason ?? finishReason;
    for (const call of choice.delta.tool_calls ?? []) {
      calls[call.index] ??= { arguments: '' };
      const target = calls[call.index]!;
      if (call.id) target.id = call.id;
      if (call.function?.name) target.name = call.function.name;
      const args = call.function?.arguments;
      if (typeof args === 'string') target.arguments = `${target.arguments as string}${args}`;
      else if (args !== undefined) target.arguments = args;
    }
  }
  return { content, finishReason, calls };
}

describe('POST /v1/chat/completions streaming', () => {
  it('streams text as choices[0].delta.content with finish_reason stop and a usage chunk', async () => {
    const { response, chunks } = await streamChat(
      [{ role: 'user', content: 'PARITY_SCENARIO:streaming_text' }],
      {
        stream_options: { include_usage: true },
      },
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      model: 'local-model',
      choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }],
    });
    const { content, finishReason } = assemble(chunks);
    expect(content).toBe('Mock streaming says hello. This reply arrives in several text deltas, in order.');
    expect(finishReason).toBe('stop');
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    });
  });

  it('streams tool calls with ids, names and arguments in pieces, ending with tool_calls', async () => {
    const { chunks } = await streamChat([
      { role: 'user', content: 'PARITY_SCENARIO:multi_tool_turn_roundtrip' },
    ]);
    const argumentPieces = chunks.flatMap((chunk) =>
      (chunk.choices[0]?.delta.tool_calls ?? []).map((call: WireJson) => call.function?.arguments),
    );
    expect(argumentPieces.length).toBeGreaterThan(4);
    const { calls, finishReason } = assemble(chunks);
    expect(finishReason).toBe('tool_calls');
    expect(calls.map((call) => call.name)).toEqual(['read_file', 'grep_search']);
    expect(calls.every((call) => call.id?.startsWith('call_mock_'))).toBe(true);
    expect(JSON.parse(calls[0]!.arguments as string)).toEqual({ path: 'fixture.txt' });
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('reads tool results from role "tool" messages to advance the scenario', async () => {
    const { chunks } = await streamChat([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'PARITY_SCENARIO:read_file_roundtrip' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'contents of fixture' },
    ]);
    expect(assemble(chunks).content).toContain('contents of fixture');
  });

  it.each([
    ['arguments_object', (call: AssembledCall) => expect(call.arguments).toEqual({ path: 'fixture.txt' })],
    ['no_ids', (call: AssembledCall) => expect(call.id).toBeUndefined()],
  ])('OPENAI_QUIRK:%s changes the tool call shape', async (quirk, check) => {
    const { calls } = assemble(
      (
        await streamChat([
          { role: 'user', content: `PARITY_SCENARIO:read_file_roundtrip OPENAI_QUIRK:${quirk}` },
        ])
      ).chunks,
    );
    check(calls[0]!);
  });

  it('OPENAI_QUIRK:single_chunk sends each tool call whole in one chunk', async () => {
    const { chunks } = await streamChat([
      { role: 'user', content: 'PARITY_SCENARIO:grep_chunk_assembly OPENAI_QUIRK:single_chunk' },
    ]);
    const toolChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.tool_calls);
    expect(toolChunks).toHaveLength(1);
    expect(toolChunks[0]!.choices[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      id: expect.any(String),
      type: 'function',
      function: { name: 'grep_search', arguments: '{"pattern":"parity","path":".","output_mode":"content"}' },
    });
  });

  it('OPENAI_QUIRK:whole_message sends text, every tool call and the finish_reason in one chunk', async () => {
    const { chunks } = await streamChat(
      [{ role: 'user', content: 'PARITY_SCENARIO:multi_tool_turn_roundtrip OPENAI_QUIRK:whole_message' }],
      { stream_options: { include_usage: true } },
    );
    expect(chunks).toHaveLength(2);
    const [only, usage] = chunks;
    expect(only!.choices[0].finish_reason).toBe('tool_calls');
    expect(only!.choices[0].delta.tool_calls).toHaveLength(2);
    expect(usage!.usage).toMatchObject({ completion_tokens: expect.any(Number) });
    const { calls } = assemble(chunks);
    expect(calls.map((call) => call.name)).toEqual(['read_file', 'grep_search']);
    expect(JSON.parse(calls[0]!.arguments as string)).toEqual({ path: 'fixture.txt' });
  });

  it('OPENAI_QUIRK:finish_stop says stop even after tool calls', async () => {
    const { chunks } = await streamChat([
      { role: 'user', content: 'PARITY_SCENARIO:read_file_roundtrip OPENAI_QUIRK:finish_stop' },
    ]);
    const { calls, finishReason } = assemble(chunks);
    expect(finishReason).toBe('stop');
    expect(calls[0]?.name).toBe('read_file');
  });

  it('OPENAI_QUIRK:no_usage omits usage even when include_usage is set', async () => {
    const { chunks } = await streamChat([{ role: 'user', content: 'hi OPENAI_QUIRK:no_usage' }], {
      stream_options: { include_usage: true },
    });
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(assemble(chunks).content).toBe('Hello from the mock model.');
  });

  it('maps max_tokens to finish_reason length', async () => {
    const { chunks } = await streamChat([{ role: 'user', content: 'PARITY_SCENARIO:max_tokens_text' }]);
    expect(assemble(chunks).finishReason).toBe('length');
  });

  it('applies scripted quirks and faults too', async () => {
    const token = encodeScript([
      {
        fault: { kind: 'http_error', status: 429, errorType: 'rate_limit_error', retryAfterSeconds: 1 },
        toolUses: [{ name: 'bash', input: { command: 'ls' } }],
        openaiQuirks: ['no_ids'],
      },
    ]);
    const body = chatBody([{ role: 'user', content: token }], { stream: true });
    const first = await postJson(`${server().url}/v1/chat/completions`, body, BEARER);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await readJson(first)).error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });

    const retry = await postJson(`${server().url}/v1/chat/completions`, body, BEARER);
    const frames = parseSse(await retry.text());
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame.data) as WireJson);
    expect(assemble(chunks).calls[0]).toEqual({ name: 'bash', arguments: '{"command":"ls"}' });
  });
});

describe('connection_reset fault', () => {
  it.each([
    ['/v1/chat/completions', BEARER],
    [
      '/v1/messages',
      { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    ],
  ])('closes %s before any response byte, then serves the retry', async (path, headers) => {
    const token = encodeScript([
      { fault: { kind: 'connection_reset', failAttempts: 1 }, text: 'after reset' },
    ]);
    const body = { model: 'm', max_tokens: 64, messages: [{ role: 'user', content: token }] };
    const send = () => postJson(`${server().url}${path}`, body, headers);
    const failure = await send().then(
      (response) => `status ${response.status}`,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toBe('fetch failed');
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(JSON.stringify(await readJson(retry))).toContain('after reset');
    expect(server().requests).toHaveLength(2);
  });

  it('stall_mid_stream sends the first deltas, then nothing, without ending the response', async () => {
    const token = encodeScript([
      { text: 'one two three four', textChunkSize: 4, fault: { kind: 'stall_mid_stream', afterDeltas: 2 } },
    ]);
    const controller = new AbortController();
    const response = await fetch(`${server().url}/v1/chat/completions`, {
      method: 'POST',
      headers: BEARER,
      body: JSON.stringify(chatBody([{ role: 'user', content: token }], { stream: true })),
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while ((received.match(/"content":"[^"]+"/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${received}`);
      received += value;
    }
    controller.abort();
    const chunks = parseSse(received).map((frame) => JSON.parse(frame.data) as WireJson);
    expect(assemble(chunks)).toMatchObject({ content: 'one two ', finishReason: undefined });
    expect(received).not.toContain('[DONE]');
  });

  it('is rejected in a script with an unknown fault kind named', async () => {
    const steps = [{ fault: { kind: 'connection_snap' } }];
    const token = `MOCK_SCRIPT:${Buffer.from(JSON.stringify(steps)).toString('base64url')}`;
    const response = await postJson(
      `${server().url}/v1/chat/completions`,
      chatBody([{ role: 'user', content: token }]),
      BEARER,
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toContain('connection_reset');
  });
});

describe('POST /v1/chat/completions without streaming', () => {
  it('returns a chat.completion with tool_calls and usage', async () => {
    const response = await postJson(
      `${server().url}/v1/chat/completions`,
      chatBody([{ role: 'user', content: 'PARITY_SCENARIO:token_cost_reporting' }]),
      BEARER,
    );
    const completion = await readJson(response);
    expect(completion).toMatchObject({
      object: 'chat.completion',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Token usage for this reply is fixed.' } },
      ],
      usage: {
        prompt_tokens: 1200 + 2048 + 4096,
        completion_tokens: 340,
        prompt_tokens_details: { cached_tokens: 4096 },
      },
    });
    expect(completion.choices[0].finish_reason).toBe('stop');
  });

  it('answers a missing key with an OpenAI-shaped 401', async () => {
    const response = await postJson(
      `${server().url}/v1/chat/completions`,
      chatBody([{ role: 'user', content: 'x' }]),
      {
        'content-type': 'application/json',
      },
    );
    expect(response.status).toBe(401);
    const error = (await readJson(response)).error;
    expect(error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    expect(error.message).toMatch(/^You didn't provide an API key\. .*Authorization: Bearer YOUR_KEY/);
    expect(error.message).not.toMatch(/x-api-key/);
  });

  it.each([
    [
      'an x-api-key header, which OpenAI does not read',
      { 'x-api-key': 'sk-local' },
      /^You didn't provide an API key/,
    ],
    [
      'an invalid bearer key, shown masked',
      { authorization: 'Bearer invalid' },
      /^Incorrect API key provided: \*{7}\. You can find your API key at /,
    ],
  ])('answers %s with an OpenAI-worded 401', async (_case, headers, message) => {
    const response = await postJson(
      `${server().url}/v1/chat/completions`,
      chatBody([{ role: 'user', content: 'x' }]),
      {
        'content-type': 'application/json',
        ...headers,
      },
    );
    expect(response.status).toBe(401);
    expect((await readJson(response)).error.message).toMatch(message);
  });
});
