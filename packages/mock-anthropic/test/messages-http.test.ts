import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { AUTH_HEADERS, messagesBody, postJson, readJson, useMockServer, userMessage } from './helpers.js';

const server = useMockServer();

describe('POST /v1/messages without streaming', () => {
  it('returns the full message JSON with estimated usage', async () => {
    const body = messagesBody([userMessage('PARITY_SCENARIO:read_file_roundtrip')]);
    const response = await postJson(`${server().url}/v1/messages`, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(/^req_mock_/);
    const message = await readJson(response);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [
        { type: 'text', text: 'Reading fixture.txt.' },
        { type: 'tool_use', name: 'read_file', input: { path: 'fixture.txt' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
    });
    const expectedInput = Math.ceil(JSON.stringify(body.messages).length / 4);
    expect(message.usage).toEqual({
      input_tokens: expectedInput,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: Math.ceil(('Reading fixture.txt.'.length + 'read_file'.length + 22) / 4),
    });
  });

  it('starts every reply with a signed thinking block when the request enables thinking, as the model does', async () => {
    const body = messagesBody([userMessage('PARITY_SCENARIO:read_file_roundtrip')], {
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    const message = await readJson(await postJson(`${server().url}/v1/messages`, body));
    const content = message.content as Array<{ type: string; signature?: string }>;
    expect(content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(content[0]?.signature).toEqual(expect.any(String));
  });

  it('lets a step override usage (auto_compact_triggered reports 190000 input tokens)', async () => {
    const response = await postJson(
      `${server().url}/v1/messages`,
      messagesBody([userMessage('PARITY_SCENARIO:auto_compact_triggered')]),
    );
    expect((await readJson(response)).usage.input_tokens).toBe(190_000);
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('estimates ceil(chars / 4) of system + messages + tools', async () => {
    const body = {
      model: 'claude-test',
      system: 'You are terse.',
      messages: [userMessage('count me')],
      tools: [{ name: 't', input_schema: { type: 'object' } }],
    };
    const response = await postJson(`${server().url}/v1/messages/count_tokens`, body);
    const chars =
      JSON.stringify(body.system).length +
      JSON.stringify(body.messages).length +
      JSON.stringify(body.tools).length;
    expect(await readJson(response)).toEqual({ input_tokens: Math.ceil(chars / 4) });
  });
});

describe('errors', () => {
  it.each([
    ['malformed JSON', '{"model":', /Malformed JSON/],
    ['a missing max_tokens', JSON.stringify({ model: 'm', messages: [userMessage('x')] }), /max_tokens/],
    ['a missing model', JSON.stringify({ max_tokens: 5, messages: [userMessage('x')] }), /model/],
    ['a non-object body', '[1,2]', /JSON object/],
  ])('answers %s with 400 invalid_request_error', async (_case, body, message) => {
    const response = await postJson(`${server().url}/v1/messages`, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('request-id')).toMatch(/^req_mock_/);
    const error = await readJson(response);
    expect(error.type).toBe('error');
    expect(error.error.type).toBe('invalid_request_error');
    expect(error.error.message).toMatch(message);
  });

  it('names the known scenarios when the token names an unknown one', async () => {
    const response = await postJson(
      `${server().url}/v1/messages`,
      messagesBody([userMessage('PARITY_SCENARIO:no_such_scenario')]),
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toMatch(/no_such_scenario.*streaming_text/);
  });

  it('answers an unknown path with 404 not_found_error', async () => {
    const response = await fetch(`${server().url}/v1/nothing`, { headers: AUTH_HEADERS });
    expect(response.status).toBe(404);
    expect(await readJson(response)).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});

describe('authentication', () => {
  it.each([
    ['no credentials', { 'content-type': 'application/json' }],
    ['x-api-key: invalid', { 'content-type': 'application/json', 'x-api-key': 'invalid' }],
    [
      'Authorization: Bearer invalid',
      { 'content-type': 'application/json', authorization: 'Bearer invalid' },
    ],
  ])('rejects %s with 401 authentication_error', async (_case, headers) => {
    const response = await postJson(
      `${server().url}/v1/messages`,
      messagesBody([userMessage('hi')]),
      headers,
    );
    expect(response.status).toBe(401);
    expect(await readJson(response)).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
  });

  it('accepts a bearer token and records the headers it was sent', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: 'Bearer oauth-token-123',
      'anthropic-beta': 'oauth-2025-04-20',
      'anthropic-version': '2023-06-01',
    };
    const response = await postJson(
      `${server().url}/v1/messages?beta=true`,
      messagesBody([userMessage('hi')]),
      headers,
    );
    expect(response.status).toBe(200);
    const [recorded] = server().requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      url: '/v1/messages?beta=true',
      body: messagesBody([userMessage('hi')]),
    });
    expect(recorded!.headers.authorization).toBe('Bearer oauth-token-123');
    expect(recorded!.headers['anthropic-beta']).toBe('oauth-2025-04-20');
    expect(recorded!.receivedAt).toBeGreaterThan(0);
  });

  it('lets anyone in when requireAuth is false', async () => {
    const open = await startMockServer({ requireAuth: false });
    try {
      const response = await postJson(`${open.url}/v1/messages`, messagesBody([userMessage('hi')]), {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('GET /v1/models', () => {
  it('lists models in a shape both Anthropic and OpenAI clients read', async () => {
    const response = await fetch(`${server().url}/v1/models`, { headers: AUTH_HEADERS });
    const list = await readJson(response);
    expect(list).toMatchObject({ object: 'list', has_more: false });
    expect(list.data[0]).toMatchObject({ type: 'model', object: 'model', id: 'claude-sonnet-4-5' });
  });
});

describe('server lifecycle', () => {
  it('has a url without a trailing slash, and reset() clears recorded requests', async () => {
    expect(server().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server().url.endsWith(`:${server().port}`)).toBe(true);
    await postJson(`${server().url}/v1/messages`, messagesBody([userMessage('hi')]));
    expect(server().requests).toHaveLength(1);
    server().reset();
    expect(server().requests).toHaveLength(0);
  });
});
