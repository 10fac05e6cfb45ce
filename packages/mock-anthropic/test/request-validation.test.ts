import { describe, expect, it } from 'vitest';
import { AUTH_HEADERS, postJson, readJson, useMockServer } from './helpers.js';

const server = useMockServer();

type Body = Record<string, unknown>;

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const text = (value: string, extra: Body = {}) => ({ type: 'text', text: value, ...extra });
const toolUse = (id: string) => ({ type: 'tool_use', id, name: 'Read', input: { file_path: 'a.txt' } });
const toolResult = (id: string, content: unknown = 'file text') => ({
  type: 'tool_result',
  tool_use_id: id,
  content,
});
const thinking = { type: 'thinking', thinking: 'Let me look.', signature: 'sig' };
const tool = (name: string, extra: Body = {}) => ({ name, input_schema: { type: 'object' }, ...extra });
const cached = { cache_control: { type: 'ephemeral' } };

function body(extra: Body): Body {
  return { model: 'claude-test', max_tokens: 4096, messages: [user('hi')], ...extra };
}

async function send(
  requestBody: Body,
  headers: Record<string, string> = AUTH_HEADERS,
  path = '/v1/messages',
) {
  const response = await postJson(`${server().url}${path}`, requestBody, headers);
  return { status: response.status, json: await readJson(response) };
}

/** One row per rule the real API enforces, with the real API's message. */
const REJECTED: [rule: string, request: Body, message: string][] = [
  [
    'an assistant tool_use without a tool_result in the next message',
    body({ messages: [user('read a.txt'), assistant([toolUse('toolu_01A')]), user('thanks')] }),
    'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
  ],
  [
    'several unanswered tool_use ids, listed together',
    body({
      messages: [
        user('go'),
        assistant([toolUse('toolu_01A'), toolUse('toolu_01B')]),
        user([toolResult('toolu_01A')]),
      ],
    }),
    'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01B. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
  ],
  [
    'a tool_use in the final message',
    body({ messages: [user('go'), assistant([text('Reading.'), toolUse('toolu_01A')])] }),
    'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
  ],
  [
    'a tool_result whose id matches no tool_use in the previous assistant message',
    body({
      messages: [
        user('go'),
        assistant([toolUse('toolu_01A')]),
        user([toolResult('toolu_01A'), toolResult('toolu_99Z')]),
      ],
    }),
    'messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_99Z. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
  ],
  [
    'a tool_result in the first message',
    body({ messages: [user([toolResult('toolu_01A')])] }),
    'messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01A. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
  ],
  [
    '5 cache_control blocks',
    body({
      system: [text('You are claw.', cached)],
      tools: [tool('Read', cached)],
      messages: [
        user([text('one', cached)]),
        assistant('ok'),
        user([text('two', cached), text('three', cached)]),
      ],
    }),
    'A maximum of 4 blocks with cache_control may be provided. Found 5.',
  ],
  [
    'an empty text block',
    body({ messages: [user([text('')])] }),
    'messages: text content blocks must be non-empty',
  ],
  [
    'an empty text block inside a tool_result',
    body({
      messages: [user('go'), assistant([toolUse('toolu_01A')]), user([toolResult('toolu_01A', [text('')])])],
    }),
    'messages: text content blocks must be non-empty',
  ],
  [
    'a whitespace-only text block',
    body({ messages: [user([text(' \n ')])] }),
    'messages: text content blocks must contain non-whitespace text',
  ],
  [
    'an empty content list before the final message',
    body({ messages: [user('hi'), assistant([]), user('again')] }),
    'messages.1: all messages must have non-empty content except for the optional final assistant message',
  ],
  [
    'an empty string as a user message',
    body({ messages: [user('')] }),
    'messages.0: all messages must have non-empty content except for the optional final assistant message',
  ],
  [
    'an empty system text block',
    body({ system: [text('')] }),
    'system: text content blocks must be non-empty',
  ],
  ['missing max_tokens', { model: 'claude-test', messages: [user('hi')] }, 'max_tokens: Field required'],
  ['max_tokens of 0', body({ max_tokens: 0 }), 'max_tokens: Input should be greater than or equal to 1'],
  ['a fractional max_tokens', body({ max_tokens: 10.5 }), 'max_tokens: Input should be a valid integer'],
  ['max_tokens as a string', body({ max_tokens: '4096' }), 'max_tokens: Input should be a valid integer'],
  ['missing model', { max_tokens: 10, messages: [user('hi')] }, 'model: Field required'],
  ['missing messages', { model: 'claude-test', max_tokens: 10 }, 'messages: Field required'],
  ['empty messages', body({ messages: [] }), 'messages: at least one message is required'],
  [
    'a system-role message',
    body({ messages: [{ role: 'system', content: 'be terse' }, user('hi')] }),
    'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
  ],
  [
    'an unknown role',
    body({ messages: [{ role: 'tool', content: 'x' }] }),
    "messages.0.role: Input should be 'user' or 'assistant'",
  ],
  [
    'a thinking budget below 1024',
    body({ thinking: { type: 'enabled', budget_tokens: 1023 } }),
    'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
  ],
  [
    'a thinking budget equal to max_tokens',
    body({ max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 } }),
    '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
  ],
  [
    'a tool name with a dot',
    body({ tools: [tool('Read'), tool('files.read')] }),
    "tools.1.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
  ],
  [
    'a tool name longer than 128 characters',
    body({ tools: [tool('t'.repeat(129))] }),
    "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
  ],
  [
    'duplicate tool names',
    body({ tools: [tool('Read'), tool('Read')] }),
    'tools: Tool names must be unique.',
  ],
  [
    'thinking enabled and the tool-loop assistant message does not start with thinking',
    body({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        user('go'),
        assistant([text('Reading.'), toolUse('toolu_01A')]),
        user([toolResult('toolu_01A')]),
      ],
    }),
    'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
  ],
  [
    'thinking disabled and the final assistant message contains thinking',
    body({
      messages: [user('go'), assistant([thinking, toolUse('toolu_01A')]), user([toolResult('toolu_01A')])],
    }),
    'messages.1.content.0: When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.',
  ],
];

/** Requests the real API accepts although older rules (or a stricter reading) would refuse them. */
const ACCEPTED: [rule: string, request: Body][] = [
  ['consecutive user messages (the API combines them)', body({ messages: [user('one'), user('two')] })],
  [
    'tool results split over consecutive user messages',
    body({
      messages: [
        user('go'),
        assistant([toolUse('toolu_01A')]),
        user([toolResult('toolu_01A')]),
        user('and then?'),
      ],
    }),
  ],
  ['a first message from the assistant', body({ messages: [assistant('Hello.'), user('hi')] })],
  ['an empty final assistant message (prefill)', body({ messages: [user('hi'), assistant([])] })],
  ['MCP tool names', body({ tools: [tool('mcp__github__create_issue'), tool('mcp__my-server__do_thing')] })],
  ['a 64-character tool name', body({ tools: [tool('t'.repeat(64))] })],
  [
    '4 cache_control blocks',
    body({
      system: [text('s', cached)],
      tools: [tool('Read', cached)],
      messages: [user([text('a', cached), text('b', cached)])],
    }),
  ],
  [
    'thinking enabled with the tool-loop assistant message starting with thinking',
    body({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [user('go'), assistant([thinking, toolUse('toolu_01A')]), user([toolResult('toolu_01A')])],
    }),
  ],
  [
    'thinking disabled with thinking only in earlier turns',
    body({ messages: [user('go'), assistant([thinking, text('Done.')]), user('next')] }),
  ],
  [
    'thinking enabled and a plain text history',
    body({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [user('go'), assistant('Done.'), user('next')],
    }),
  ],
];

describe('POST /v1/messages validation', () => {
  it.each(REJECTED)('rejects %s with the API’s 400', async (_rule, request, message) => {
    const { status, json } = await send(request);
    expect(status).toBe(400);
    expect(json).toEqual({ type: 'error', error: { type: 'invalid_request_error', message } });
  });

  it.each(ACCEPTED)('accepts %s', async (_rule, request) => {
    const { status, json } = await send(request);
    expect(json.error?.message).toBeUndefined();
    expect(status).toBe(200);
  });

  it('requires the anthropic-version header', async () => {
    const { 'anthropic-version': _version, ...withoutVersion } = AUTH_HEADERS;
    const { status, json } = await send(body({}), withoutVersion);
    expect(status).toBe(400);
    expect(json.error).toEqual({
      type: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    });
  });

  it('lets an interleaved-thinking request give thinking a budget beyond max_tokens', async () => {
    const request = body({ max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 4096 } });
    const headers = { ...AUTH_HEADERS, 'anthropic-beta': 'interleaved-thinking-2025-05-14' };
    expect((await send(request, headers)).status).toBe(200);
  });
});

describe('POST /v1/messages/count_tokens validation', () => {
  it('applies the same rules, except that max_tokens is not needed', async () => {
    const unanswered = {
      model: 'claude-test',
      messages: [user('go'), assistant([toolUse('toolu_01A')]), user('x')],
    };
    const rejected = await send(unanswered, AUTH_HEADERS, '/v1/messages/count_tokens');
    expect(rejected.status).toBe(400);
    expect(rejected.json.error.message).toMatch(/^messages\.1: `tool_use` ids were found without/);
    const accepted = await send(
      { model: 'claude-test', messages: [user('hi')] },
      AUTH_HEADERS,
      '/v1/messages/count_tokens',
    );
    expect(accepted.status).toBe(200);
  });
});
