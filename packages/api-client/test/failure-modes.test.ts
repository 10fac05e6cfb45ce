import { describe, expect, it } from 'vitest';
import {
  ApiError,
  apiErrorFromHttp,
  CONTEXT_1M_BETA,
  createAnthropicProvider,
  createOpenAICompatibleProvider,
  createProvider,
  type ErrorContext,
  fittingMaxTokens,
  type ModelRequest,
} from '../src/index.js';
import { errorBody, messageEnd, messageStart, textBlock, textReply } from './helpers/anthropic-events.js';
import { collect, instantRetries, userRequest } from './helpers/collect.js';
import { dataOnly, type Script, scriptedFetch, sse } from './helpers/fake-fetch.js';

function anthropic(scripts: Script[], extra: Parameters<typeof createAnthropicProvider>[0] = {}) {
  const fetch = scriptedFetch(scripts);
  const p = createAnthropicProvider({
    apiKey: 'sk-ant-api03-k',
    baseURL: 'http://mock.test',
    fetch,
    env: {},
    ...instantRetries(),
    ...extra,
  });
  return { p, fetch };
}

function openai(scripts: Script[], baseURL = 'http://local.test/v1') {
  const fetch = scriptedFetch(scripts);
  const p = createOpenAICompatibleProvider({ baseURL, fetch, env: {}, ...instantRetries() });
  return { p, fetch };
}

const openaiRequest: ModelRequest = {
  model: 'gpt-4o',
  maxTokens: 100,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

const HTML = '<!doctype html><html><body>Welcome to our website</body></html>';

describe('a 200 answer that is not an event stream', () => {
  it('reports an HTML page as a wrong base URL at once, without retrying', async () => {
    const { p, fetch } = anthropic([{ body: HTML, headers: { 'content-type': 'text/html; charset=utf-8' } }]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('invalid_response');
    expect(error?.retryable).toBe(false);
    expect(error?.message).toContain('Expected text/event-stream');
    expect(error?.message).toContain('got text/html');
    expect(error?.message).toContain('ANTHROPIC_BASE_URL');
    expect(fetch.requests).toHaveLength(1);
  });

  it('accepts a whole JSON message from a gateway that ignored stream: true', async () => {
    const whole = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [
        { type: 'text', text: 'Reading it.' },
        { type: 'tool_use', id: 'tu_1', name: 'Read', input: { file_path: 'a.txt' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 7 },
    };
    const { p } = anthropic([{ body: JSON.stringify(whole) }]);
    const { events, message, error } = await collect(p.stream(userRequest('hi')));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual(whole.content);
    expect(message?.stopReason).toBe('tool_use');
    expect(message?.usage).toMatchObject({ input_tokens: 12, output_tokens: 7 });
    expect(events.filter((e) => e.type === 'text_delta')).toHaveLength(1);
  });

  it('turns a JSON error body sent with status 200 into that error', async () => {
    const { p, fetch } = anthropic([
      { body: errorBody('overloaded_error', 'Overloaded') },
      { body: textReply('ok') },
    ]);
    const { message } = await collect(p.stream(userRequest('hi')));
    expect(message?.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(fetch.requests).toHaveLength(2);
  });

  it('reports an HTML page from an OpenAI-compatible base URL without retrying', async () => {
    const { p, fetch } = openai([{ body: HTML, headers: { 'content-type': 'text/html' } }]);
    const { error } = await collect(p.stream(openaiRequest));
    expect(error?.kind).toBe('invalid_response');
    expect(error?.message).toContain('OPENAI_BASE_URL');
    expect(fetch.requests).toHaveLength(1);
  });

  it('accepts a whole chat.completion from a server that ignored stream: true', async () => {
    const completion = {
      id: 'chatcmpl-9',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Done.',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Read', arguments: '{"a":1}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 3 },
    };
    const { p } = openai([{ body: JSON.stringify(completion) }]);
    const { message, error } = await collect(p.stream(openaiRequest));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual([
      { type: 'text', text: 'Done.' },
      { type: 'tool_use', id: 'c1', name: 'Read', input: { a: 1 } },
    ]);
    expect(message?.stopReason).toBe('tool_use');
  });
});

function refused(code: string): TypeError {
  return Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(`connect ${code}`), { code }),
  });
}

describe('failures that waiting will not fix', () => {
  it.each([
    ['ENOTFOUND, any host', 'ENOTFOUND', 'http://mock.test', 1, 'could not be resolved'],
    ['EAI_AGAIN, any host', 'EAI_AGAIN', 'http://mock.test', 1, 'could not be resolved'],
    ['ECONNREFUSED to 127.0.0.1', 'ECONNREFUSED', 'http://127.0.0.1:11434', 1, 'is the local server running'],
    ['ECONNREFUSED to localhost', 'ECONNREFUSED', 'http://localhost:8080', 1, 'is the local server running'],
    ['ECONNREFUSED to a remote host', 'ECONNREFUSED', 'http://mock.test', 8, 'HTTPS_PROXY'],
  ])('%s is retried %#', async (_name, code, baseURL, retries, hint) => {
    const { p, fetch } = anthropic([refused(code)], { baseURL });
    const { events, error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('network');
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(retries);
    expect(fetch.requests).toHaveLength(retries + 1);
    expect(error?.hint).toContain(hint);
  });
});

describe('a missing credential', () => {
  it.each([
    ['Anthropic at its own endpoint', 'claude-sonnet-5-5', {}, true],
    ['OpenAI at its own endpoint', 'gpt-4o', {}, true],
    [
      'Anthropic behind ANTHROPIC_BASE_URL (a gateway may need none)',
      'claude-sonnet-5-5',
      { ANTHROPIC_BASE_URL: 'http://gw.test' },
      false,
    ],
    ['a local Ollama model', 'ollama/llama3.1', {}, false],
    ['local/ model', 'local/qwen', {}, false],
  ])('%s: fails before sending = %s', async (_name, model, env, failsFast) => {
    const fetch = scriptedFetch([{ body: textReply('ok') }]);
    const p = createProvider({ model, env, fetch, ...instantRetries(), retry: { maxRetries: 0 } });
    const { error } = await collect(p.stream({ ...userRequest('hi'), model }));
    if (failsFast) {
      expect(error?.kind).toBe('auth');
      expect(error?.hint).toMatch(/claw login|OPENAI_API_KEY/);
      expect(fetch.requests).toHaveLength(0);
    } else {
      expect(fetch.requests).toHaveLength(1);
    }
  });

  it('sends once a credential exists', async () => {
    const fetch = scriptedFetch([{ body: textReply('ok') }]);
    const p = createProvider({ model: 'sonnet', env: { ANTHROPIC_API_KEY: 'sk-ant-api03-x' }, fetch });
    const { message } = await collect(p.stream(userRequest('hi')));
    expect(message).toBeDefined();
  });
});

const ctx: ErrorContext = { provider: 'anthropic', credential: { kind: 'api-key' } };

describe('context overflow is recognised', () => {
  it.each([
    [400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'],
    [
      400,
      'invalid_request_error',
      'input length and `max_tokens` exceed context limit: 188240 + 64000 > 200000, decrease input length or `max_tokens` and try again',
    ],
    [400, 'exceed_context_size_error', 'the request exceeds the available context size, try increasing it'],
    [400, undefined, 'the request exceeds the available context size, try increasing it'],
    [400, 'invalid_request_error', "This model's maximum context length is 8192 tokens"],
  ])('%i %s: %s', (status, type, message) => {
    const body = type ? { error: { type, message } } : { error: { message } };
    const error = apiErrorFromHttp({ status, body }, ctx);
    expect(error.kind).toBe('context_too_long');
    expect(error.hint).toContain('/compact');
  });

  it('reads the max_tokens that fits from the numbers Anthropic names', () => {
    const error = apiErrorFromHttp(
      {
        status: 400,
        body: JSON.parse(
          errorBody(
            'invalid_request_error',
            'input length and `max_tokens` exceed context limit: 188240 + 64000 > 200000',
          ),
        ),
      },
      ctx,
    );
    expect(fittingMaxTokens(error)).toBe(11_760);
    expect(fittingMaxTokens(new ApiError('context_too_long', 'prompt is too long'))).toBeUndefined();
    expect(
      fittingMaxTokens(new ApiError('context_too_long', 'exceed context limit: 200001 + 10 > 200000')),
    ).toBeUndefined();
  });
});

describe('error wording', () => {
  it('says a 413 request is too large instead of asking for a report', () => {
    const error = apiErrorFromHttp(
      {
        status: 413,
        body: {
          type: 'error',
          error: { type: 'request_too_large', message: 'Request exceeds the maximum size' },
        },
      },
      ctx,
    );
    expect(error.hint).toContain('too large');
    expect(error.hint).not.toContain('report');
  });

  it('names the request id once in an interrupted stream', async () => {
    const { p } = anthropic([
      {
        body: [
          messageStart(),
          ...textBlock(0, 'x').slice(0, 2),
          `event: error\ndata: ${errorBody('overloaded_error', 'Overloaded')}\n\n`,
        ],
        headers: { 'request-id': 'req_once' },
      },
    ]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('stream_interrupted');
    expect(error?.message.match(/req_once/g)).toHaveLength(1);
  });

  it('describes a connection closed mid-reply as closed, not unreachable', async () => {
    const { p } = anthropic([{ body: [messageStart(), ...textBlock(0, 'cut')] }]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.message).toContain('closed the connection');
    expect(error?.message).not.toContain('could not be reached');
  });
});

describe('stream assembly', () => {
  it('keeps a tool input sent whole in content_block_start', async () => {
    const { p } = anthropic([
      {
        body: [
          messageStart(),
          sse('content_block_start', {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'tool_use', id: 'tu_1', name: 'Read', input: { file_path: 'a.txt' } },
          }),
          sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
          ...messageEnd('tool_use'),
        ],
      },
    ]);
    const { message } = await collect(p.stream(userRequest('hi')));
    expect(message?.content).toEqual([
      { type: 'tool_use', id: 'tu_1', name: 'Read', input: { file_path: 'a.txt' } },
    ]);
  });

  it('splits two complete OpenAI tool calls that share index 0 and have no ids', async () => {
    const call = (name: string, args: string) => ({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { name, arguments: args } }] },
          finish_reason: null,
        },
      ],
    });
    const { p } = openai([
      {
        body: [
          dataOnly(call('Read', '{"file_path":"a.txt"}')),
          dataOnly(call('Read', '{"file_path":"b.txt"}')),
          dataOnly({ id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
          dataOnly('[DONE]'),
        ],
      },
    ]);
    const { message, error } = await collect(p.stream(openaiRequest));
    expect(error).toBeUndefined();
    const inputs = message?.content.filter((b) => b.type === 'tool_use').map((b) => b.input);
    expect(inputs).toEqual([{ file_path: 'a.txt' }, { file_path: 'b.txt' }]);
  });
});

describe('1M context beta', () => {
  it.each([
    ['claude-sonnet-4-5', [CONTEXT_1M_BETA], 1_000_000],
    ['claude-sonnet-4-20250514', [CONTEXT_1M_BETA], 1_000_000],
    ['claude-sonnet-4-5', [], 200_000],
    ['claude-opus-4-1', [CONTEXT_1M_BETA], 200_000],
  ])('%s with betas %j has a %i-token window', (model, betas, window) => {
    const p = createProvider({
      model,
      env: { ANTHROPIC_API_KEY: 'sk-ant-api03-x' },
      anthropic: { betas },
    });
    expect(p.modelInfo.contextWindow).toBe(window);
  });
});
