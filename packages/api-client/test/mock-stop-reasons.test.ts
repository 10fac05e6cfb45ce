import { type MockServer, type MockStep, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AssistantMessage, ProviderKind, StopReason } from '../src/index.js';
import { collect } from './helpers/collect.js';
import { mockProvider, PROVIDER_KINDS, scripted, shownText } from './helpers/mock-providers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

interface StopCase {
  name: string;
  step: MockStep;
  /** Chat Completions has no stop_sequence or pause_turn; its `stop` / `content_filter` map as shown. */
  expected: Record<ProviderKind, StopReason>;
  check(message: AssistantMessage, kind: ProviderKind): void;
}

const CASES: StopCase[] = [
  {
    name: 'end_turn',
    step: { text: 'All done.' },
    expected: { anthropic: 'end_turn', 'openai-compatible': 'end_turn' },
    check: (message) => expect(message.content).toEqual([{ type: 'text', text: 'All done.' }]),
  },
  {
    name: 'tool_use',
    step: { text: 'Reading.', toolUses: [{ name: 'Read', input: { file_path: 'src/a.ts', limit: 20 } }] },
    expected: { anthropic: 'tool_use', 'openai-compatible': 'tool_use' },
    check: (message) => {
      expect(message.content[1]).toMatchObject({
        type: 'tool_use',
        name: 'Read',
        input: { file_path: 'src/a.ts', limit: 20 },
      });
      expect(message.incompleteToolUse).toBeUndefined();
    },
  },
  {
    name: 'max_tokens (text)',
    step: { text: 'The answer is cut he', stopReason: 'max_tokens' },
    expected: { anthropic: 'max_tokens', 'openai-compatible': 'max_tokens' },
    check: (message) => expect(message.content).toEqual([{ type: 'text', text: 'The answer is cut he' }]),
  },
  {
    name: 'max_tokens cutting a tool call off',
    step: {
      text: 'Writing.',
      toolUses: [
        { name: 'Write', input: { file_path: 'out.txt', content: 'long body' }, truncateInputAt: 25 },
      ],
      stopReason: 'max_tokens',
    },
    expected: { anthropic: 'max_tokens', 'openai-compatible': 'max_tokens' },
    check: (message) => {
      // The cut call is not offered as runnable; what was streamed is kept so the runtime can explain it.
      expect(message.content).toEqual([{ type: 'text', text: 'Writing.' }]);
      expect(message.incompleteToolUse).toMatchObject({
        name: 'Write',
        partialJson: '{"file_path":"out.txt","c',
      });
    },
  },
  {
    name: 'stop_sequence',
    step: { text: 'Up to the marker', stopReason: 'stop_sequence', stopSequence: '###' },
    expected: { anthropic: 'stop_sequence', 'openai-compatible': 'end_turn' },
    check: (message, kind) => expect(message.stopSequence).toBe(kind === 'anthropic' ? '###' : null),
  },
  {
    name: 'refusal',
    step: { text: 'I cannot help with that.', stopReason: 'refusal' },
    expected: { anthropic: 'refusal', 'openai-compatible': 'refusal' },
    check: (message) => expect(message.content).toEqual([{ type: 'text', text: 'I cannot help with that.' }]),
  },
  {
    name: 'pause_turn',
    step: { text: 'Still searching…', stopReason: 'pause_turn' },
    expected: { anthropic: 'pause_turn', 'openai-compatible': 'end_turn' },
    check: (message) => expect(message.content).toEqual([{ type: 'text', text: 'Still searching…' }]),
  },
];

describe.each(PROVIDER_KINDS)('%s against the mock: stop reasons', (kind) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, stopCase) => {
    const { provider } = mockProvider(kind, server);
    const { events, message, error } = await collect(
      provider.stream(scripted(kind, [{ ...stopCase.step, textChunkSize: 4, toolInputChunkSize: 3 }])),
    );
    expect(error).toBeUndefined();
    if (!message) throw new Error('no message_stop');
    expect(message.stopReason).toBe(stopCase.expected[kind]);
    stopCase.check(message, kind);
    // The streamed text and the final message agree: nothing shown twice, nothing lost.
    const finalText = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    expect(shownText(events)).toBe(finalText);
    expect(events.filter((event) => event.type === 'message_start')).toHaveLength(1);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
  });
});
