import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';

let mock: MockServer;
let sandbox: Sandbox;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

type Line = Record<string, unknown>;
type ApiEvent = { type: string; index?: number; delta?: Record<string, unknown>; [key: string]: unknown };

const apiEventsOf = (lines: Line[]): ApiEvent[] =>
  lines.filter((l) => l.type === 'stream_event').map((l) => l.event as ApiEvent);

/** The Messages API's own order: start, blocks that each open, take deltas and close, then delta and stop. */
function expectWellFormedMessages(events: ApiEvent[]): void {
  let open: number | undefined;
  let inMessage = false;
  for (const event of events) {
    switch (event.type) {
      case 'message_start':
        expect(inMessage).toBe(false);
        inMessage = true;
        break;
      case 'content_block_start':
        expect(inMessage && open === undefined).toBe(true);
        open = event.index;
        break;
      case 'content_block_delta':
        expect(event.index).toBe(open);
        break;
      case 'content_block_stop':
        expect(event.index).toBe(open);
        open = undefined;
        break;
      case 'message_delta':
        expect(open).toBeUndefined();
        break;
      case 'message_stop':
        inMessage = false;
        break;
      default:
        throw new Error(`unexpected stream event ${event.type}`);
    }
  }
  expect(inMessage).toBe(false);
}

describe('--include-partial-messages', () => {
  it('streams the text deltas between the init line and the assembled assistant message', async () => {
    const run = await runClaw(
      [
        '-p',
        'PARITY_SCENARIO:streaming_text',
        '--output-format',
        'stream-json',
        '--include-partial-messages',
      ],
      { sandbox, baseUrl: mock.url },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = parseJsonLines(run.stdout);
    const init = lines[0]!;
    expect(init).toMatchObject({ type: 'system', subtype: 'init' });
    for (const line of lines.filter((l) => l.type === 'stream_event')) {
      expect(line).toMatchObject({ session_id: init.session_id, parent_tool_use_id: null });
    }
    const events = apiEventsOf(lines);
    expectWellFormedMessages(events);
    expect(events[0]).toMatchObject({
      type: 'message_start',
      message: { role: 'assistant', content: [], usage: { input_tokens: expect.any(Number) } },
    });
    expect(events.at(-2)).toMatchObject({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: expect.any(Number) },
    });
    const streamed = events
      .filter((e) => e.delta?.type === 'text_delta')
      .map((e) => e.delta!.text)
      .join('');
    expect(events.filter((e) => e.delta?.type === 'text_delta').length).toBeGreaterThan(1);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', subtype: 'success' });
    expect(streamed).toBe(result.result);
    // Partial messages come before the whole message they build, which is still printed.
    const assistantAt = lines.findIndex((l) => l.type === 'assistant');
    const lastPartialAt = lines.findLastIndex((l) => l.type === 'stream_event');
    expect(assistantAt).toBeGreaterThan(lastPartialAt);
  });

  it('streams tool input as input_json_delta chunks that assemble to the tool_use input', async () => {
    writeFileSync(join(sandbox.workspace, 'notes.txt'), 'needle in a haystack\n');
    const run = await runClaw(
      [
        '-p',
        'PARITY_SCENARIO:grep_chunk_assembly',
        '--output-format',
        'stream-json',
        '--include-partial-messages',
      ],
      { sandbox, baseUrl: mock.url },
    );
    expect(run.code).toBe(0);
    const lines = parseJsonLines(run.stdout);
    const events = apiEventsOf(lines);
    expectWellFormedMessages(events);
    expect(events.filter((e) => e.type === 'message_start')).toHaveLength(2);
    const toolStart = events.find(
      (e) => e.type === 'content_block_start' && (e.content_block as Line).type === 'tool_use',
    )!;
    expect(toolStart.content_block).toMatchObject({ name: expect.any(String), id: expect.any(String) });
    const json = events
      .filter((e) => e.index === toolStart.index && e.delta?.type === 'input_json_delta')
      .map((e) => e.delta!.partial_json)
      .join('');
    const assistant = lines.find((l) => l.type === 'assistant')!;
    const toolUse = (assistant.message as { content: Array<{ type: string; input: unknown }> }).content.find(
      (b) => b.type === 'tool_use',
    )!;
    expect(JSON.parse(json)).toEqual(toolUse.input);
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({
      delta: { stop_reason: 'tool_use' },
    });
  });

  it('streams thinking deltas and the block signature', async () => {
    const run = await runClaw(
      ['-p', 'PARITY_SCENARIO:thinking_text', '--output-format', 'stream-json', '--include-partial-messages'],
      { sandbox, baseUrl: mock.url },
    );
    expect(run.code).toBe(0);
    const events = apiEventsOf(parseJsonLines(run.stdout));
    expectWellFormedMessages(events);
    expect(events.some((e) => e.delta?.type === 'thinking_delta')).toBe(true);
    expect(events.some((e) => e.delta?.type === 'signature_delta')).toBe(true);
  });

  it('leaves stream-json unchanged without the flag, and is a usage error outside stream-json', async () => {
    const plain = await runClaw(['-p', 'PARITY_SCENARIO:streaming_text', '--output-format', 'stream-json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(parseJsonLines(plain.stdout).some((l) => l.type === 'stream_event')).toBe(false);
    for (const format of ['text', 'json']) {
      const run = await runClaw(['-p', 'hi', '--output-format', format, '--include-partial-messages'], {
        sandbox,
        baseUrl: mock.url,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--include-partial-messages needs --output-format stream-json');
      // json mode reports every failure as a json error object, text mode prints nothing on stdout.
      if (format === 'json')
        expect(parseJsonLines(run.stdout)[0]).toMatchObject({ type: 'error', kind: 'usage' });
      else expect(run.stdout).toBe('');
    }
    expect(mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  });
});
