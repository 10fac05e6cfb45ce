import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { costUsd } from '@claw/api-client';
import {
  encodeScript,
  type MockServer,
  type MockStep,
  type OpenAiQuirk,
  type RecordedRequest,
  startMockServer,
} from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClawRun, createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { parseResult } from './support/claw-e2e.js';

// claw against an OpenAI-compatible server: the mock's Chat Completions mode, once as a keyed gateway
// (OPENAI_BASE_URL + OPENAI_API_KEY) and once as a keyless Ollama (OLLAMA_HOST, no auth at all).

let gateway: MockServer;
let ollama: MockServer;
let sandbox: Sandbox;

beforeAll(async () => {
  gateway = await startMockServer();
  ollama = await startMockServer({ requireAuth: false });
});
afterAll(async () => {
  await gateway.close();
  await ollama.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  gateway.reset();
  ollama.reset();
  writeFileSync(join(sandbox.workspace, 'notes.txt'), 'alpha\nbeta from notes\n');
});
afterEach(() => sandbox.cleanup());

const OPENAI_KEY = 'sk-openai-e2e-0000';

function viaGateway(args: string[], model = 'gpt-4o'): Promise<ClawRun> {
  return runClaw(['--model', model, ...args], {
    sandbox,
    env: { OPENAI_BASE_URL: `${gateway.url}/v1`, OPENAI_API_KEY: OPENAI_KEY },
  });
}

function viaOllama(args: string[], model = 'local/qwen2.5-coder:7b'): Promise<ClawRun> {
  // Users set OLLAMA_HOST as a bind address, without a scheme.
  return runClaw(['--model', model, ...args], { sandbox, env: { OLLAMA_HOST: new URL(ollama.url).host } });
}

interface ToolCall {
  id: string;
  function: { name: string; arguments: string };
}
interface ChatMessage {
  role: string;
  content: unknown;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}
interface ChatBody {
  model: string;
  stream: boolean;
  stream_options?: { include_usage: boolean };
  messages: ChatMessage[];
  tools?: Array<{ type: string; function: { name: string; parameters: unknown } }>;
}

function chatRequests(mock: MockServer): Array<RecordedRequest & { body: ChatBody }> {
  const chats = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  expect(mock.requests.filter((r) => r.path === '/v1/messages')).toEqual([]);
  return chats as Array<RecordedRequest & { body: ChatBody }>;
}

/** The `tool` messages of a request, each paired with the assistant tool call it answers. */
function toolExchanges(body: ChatBody): Array<{ call: ToolCall; result: string }> {
  const calls = new Map<string, ToolCall>();
  for (const message of body.messages) for (const call of message.tool_calls ?? []) calls.set(call.id, call);
  return body.messages
    .filter((message) => message.role === 'tool')
    .map((message) => {
      const call = calls.get(message.tool_call_id ?? '');
      if (!call) throw new Error(`tool message answers unknown call ${message.tool_call_id}`);
      return { call, result: String(message.content) };
    });
}

const READ_AND_BASH: MockStep = {
  text: 'Looking.',
  toolUses: [
    { name: 'Read', input: { file_path: 'notes.txt' } },
    { name: 'Bash', input: { command: 'echo claw-$((6 * 7))' } },
  ],
};

describe('claw -p through an OpenAI-compatible gateway', () => {
  it('prints a text reply, sending the key as a bearer token and asking for usage', async () => {
    const run = await viaGateway(['-p', 'hi']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
    const [request] = chatRequests(gateway);
    expect(request?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(request?.headers['x-api-key']).toBeUndefined();
    expect(request?.body).toMatchObject({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request?.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'hi' });
  });

  it('runs a Read and a Bash call the model asked for and answers each with a tool message', async () => {
    const prompt = `check ${encodeScript([READ_AND_BASH, { text: 'Both tools answered.' }])}`;
    const run = await viaGateway(['-p', prompt, '--output-format', 'json', '--dangerously-skip-permissions']);
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    expect(result).toMatchObject({ subtype: 'success', result: 'Both tools answered.', num_turns: 2 });

    const requests = chatRequests(gateway);
    expect(requests).toHaveLength(2);
    const toolNames = requests[0]?.body.tools?.map((tool) => tool.function.name) ?? [];
    expect(toolNames).toEqual(expect.arrayContaining(['Read', 'Bash']));
    const exchanges = toolExchanges(requests[1]!.body);
    expect(exchanges.map((e) => e.call.function.name)).toEqual(['Read', 'Bash']);
    expect(JSON.parse(exchanges[0]!.call.function.arguments)).toEqual({ file_path: 'notes.txt' });
    expect(exchanges[0]?.result).toContain('beta from notes');
    expect(exchanges[1]?.result).toContain('claw-42');
  });

  it.each<[OpenAiQuirk, string]>([
    ['arguments_object', 'arguments sent as a JSON object'],
    ['no_ids', 'tool calls without ids'],
    ['single_chunk', 'each tool call in one chunk'],
    ['whole_message', 'the whole reply, finish_reason included, in one chunk'],
    ['finish_stop', "finish_reason 'stop' after tool calls"],
  ])('copes with %s (%s)', async (quirk) => {
    const prompt = `check ${encodeScript([{ ...READ_AND_BASH, openaiQuirks: [quirk] }, { text: 'Odd but fine.' }])}`;
    const run = await viaGateway(['-p', prompt, '--output-format', 'json', '--dangerously-skip-permissions']);
    expect(run.code, run.stderr).toBe(0);
    expect(parseResult(run).result).toBe('Odd but fine.');
    const exchanges = toolExchanges(chatRequests(gateway)[1]!.body);
    expect(exchanges.map((e) => e.result)).toEqual([
      expect.stringContaining('beta from notes'),
      expect.stringContaining('claw-42'),
    ]);
    // Ids claw made up for a server that sent none are still distinct, and answered one to one.
    expect(new Set(exchanges.map((e) => e.call.id)).size).toBe(2);
  });

  it('reports usage and a cost from the price table for a known model', async () => {
    const usage = { input_tokens: 1200, output_tokens: 340, cache_read_input_tokens: 4096 };
    const prompt = `cost ${encodeScript([{ text: 'Priced.', usage }])}`;
    const run = await viaGateway(['-p', prompt, '--output-format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    // OpenAI counts cached tokens inside prompt_tokens; claw reports them apart, as Anthropic does.
    expect(result.usage).toEqual({
      input_tokens: 1200,
      output_tokens: 340,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 4096,
    });
    const expected = costUsd('gpt-4o', { ...usage, cache_creation_input_tokens: 0 });
    expect(expected).toBeGreaterThan(0);
    expect(result.total_cost_usd).toBeCloseTo(expected ?? Number.NaN, 10);
    expect(result.model).toBe('gpt-4o');
  });

  it('reports tokens but no invented cost for a model it has no price for', async () => {
    const prompt = `cost ${encodeScript([{ text: 'Unpriced.', usage: { input_tokens: 900, output_tokens: 12 } }])}`;
    const run = await viaGateway(['-p', prompt, '--output-format', 'json'], 'openai/mystery-model-7b');
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    expect(result.usage).toMatchObject({ input_tokens: 900, output_tokens: 12 });
    expect(result.total_cost_usd).toBeNull();
    // A gateway wants the whole vendor/model slug.
    expect(chatRequests(gateway)[0]?.body.model).toBe('openai/mystery-model-7b');
  });

  it('keeps the cost unknown after a resume, in /cost, the result and the session listing', async () => {
    const model = 'openai/mystery-model-7b';
    const first = await viaGateway(['-p', 'first', '--output-format', 'json'], model);
    const id = parseResult(first).session_id;
    const resumed = await viaGateway(['-p', 'second', '--resume', id, '--output-format', 'json'], model);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseResult(resumed).total_cost_usd).toBeNull();

    const cost = await viaGateway(['--resume', id, '-p', '/cost'], model);
    expect(cost.code, cost.stderr).toBe(0);
    expect(cost.stdout).toMatch(/unknown/i);
    expect(cost.stdout).not.toMatch(/\$0\.0000/);
    expect(cost.stdout).toMatch(/\b2\b/); // both requests counted, not "0"

    const listed = await viaGateway(['sessions', 'list', '--output-format', 'json'], model);
    const sessions = (JSON.parse(listed.stdout) as { sessions: Array<{ id: string; costUsd: unknown }> })
      .sessions;
    expect(sessions.find((s) => s.id === id)?.costUsd).toBeNull();
  });
});

describe('claw -p against a keyless local server (OLLAMA_HOST)', () => {
  it('runs a tool round trip with the routing prefix stripped and no credential sent', async () => {
    const prompt = `check ${encodeScript([READ_AND_BASH, { text: 'Local model done.' }])}`;
    const run = await viaOllama(['-p', prompt, '--output-format', 'json', '--dangerously-skip-permissions']);
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    expect(result.result).toBe('Local model done.');
    expect(result.usage.input_tokens).toBeGreaterThan(0);
    expect(result.usage.output_tokens).toBeGreaterThan(0);
    expect(result.total_cost_usd).toBeNull();

    const requests = chatRequests(ollama);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.body.model).toBe('qwen2.5-coder:7b');
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-api-key']).toBeUndefined();
    }
    expect(toolExchanges(requests[1]!.body).map((e) => e.result)).toEqual([
      expect.stringContaining('beta from notes'),
      expect.stringContaining('claw-42'),
    ]);
  });
});

interface StatusJson {
  model: { id: string };
  provider: { kind: string; baseURL: string; reason: string };
  credential: { source: string | null; kind: string | null; preview: string | null };
}

function statusOf(run: ClawRun): StatusJson {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as StatusJson;
}

describe('claw status for OpenAI-compatible models', () => {
  it('explains a gateway slug routed by OPENAI_BASE_URL and names the key it will send', async () => {
    const report = statusOf(
      await viaGateway(['status', '--output-format', 'json'], 'openai/mystery-model-7b'),
    );
    expect(report.model.id).toBe('openai/mystery-model-7b');
    expect(report.provider).toEqual({
      kind: 'openai-compatible',
      baseURL: `${gateway.url}/v1`,
      reason: expect.stringContaining("starts with 'openai/'"),
    });
    expect(report.provider.reason).toContain(`$OPENAI_BASE_URL (${gateway.url}/v1)`);
    expect(report.credential).toMatchObject({ source: 'OPENAI_API_KEY', kind: 'api-key' });
    expect(report.credential.preview).not.toContain(OPENAI_KEY);
  });

  it('explains a local/ model routed by OLLAMA_HOST, with no key to send', async () => {
    const report = statusOf(await viaOllama(['status', '--output-format', 'json']));
    expect(report.provider).toMatchObject({ kind: 'openai-compatible', baseURL: `${ollama.url}/v1` });
    expect(report.provider.reason).toContain("starts with 'local/'");
    expect(report.provider.reason).toContain('$OLLAMA_HOST');
    expect(report.credential).toEqual({ source: null, kind: null, preview: null });
  });

  it('shows the route and the reason in text form', async () => {
    const run = await viaGateway(['status']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`openai-compatible at ${gateway.url}/v1`);
    expect(run.stdout).toContain("model 'gpt-4o' starts with 'gpt-'");
    expect(run.stdout).toContain('API key from OPENAI_API_KEY');
    expect(run.stdout).not.toContain(OPENAI_KEY);
  });
});
