import type { ContentBlock, Message } from '@claw/api-client';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/session/session-events.js';
import { replaySessionEvents } from '../../src/session/session-replay.js';

// A line lost in the middle of a session file (a garbled write, a bad disk block) must not leave a history
// the API rejects with a 400: every tool_use is answered in the next message, every tool_result answers one.

const ts = '2026-01-01T00:00:00.000Z';
const prompt = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const reply = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const calls = (...ids: string[]): Message => ({
  role: 'assistant',
  content: ids.map((id) => ({ type: 'tool_use', id, name: 'Read', input: {} })),
});
const result = (id: string): ContentBlock => ({ type: 'tool_result', tool_use_id: id, content: `out ${id}` });
const results = (...ids: string[]): Message => ({ role: 'user', content: ids.map(result) });
const lost = (id: string): ContentBlock => ({
  type: 'tool_result',
  tool_use_id: id,
  content: '(result lost: session file damaged)',
  is_error: true,
});

function replay(messages: Message[]) {
  const events: SessionEvent[] = messages.map((message) => ({ v: 1, type: 'message', message, ts }));
  return replaySessionEvents(events);
}

const rows: Array<{ damage: string; stored: Message[]; expected: Message[]; warning?: RegExp }> = [
  {
    damage: 'the tool_use line was lost: its results answer nothing',
    stored: [prompt('p'), results('a'), reply('done')],
    expected: [prompt('p'), reply('done')],
    warning: /dropped 1 tool result/,
  },
  {
    damage: 'the results line was lost: the call is answered as lost',
    stored: [prompt('p'), calls('a'), reply('done')],
    expected: [prompt('p'), calls('a'), { role: 'user', content: [lost('a')] }, reply('done')],
    warning: /marked 1 tool call/,
  },
  {
    damage: 'one of two results is missing, the other is kept, in call order',
    stored: [prompt('p'), calls('a', 'b'), results('b'), reply('done')],
    expected: [
      prompt('p'),
      calls('a', 'b'),
      { role: 'user', content: [lost('a'), result('b')] },
      reply('done'),
    ],
    warning: /marked 1 tool call/,
  },
  {
    damage: 'a result for another call sits next to a real one',
    stored: [prompt('p'), calls('a'), results('a', 'zz'), reply('done')],
    expected: [prompt('p'), calls('a'), results('a'), reply('done')],
    warning: /dropped 1 tool result/,
  },
  {
    damage: 'a duplicated result line',
    stored: [prompt('p'), calls('a'), results('a'), results('a'), reply('done')],
    expected: [prompt('p'), calls('a'), results('a'), reply('done')],
    warning: /dropped 1 tool result/,
  },
  {
    damage: 'the next prompt answers a call whose assistant line was lost: the text stays',
    stored: [
      prompt('p'),
      reply('ok'),
      { role: 'user', content: [result('gone'), { type: 'text', text: 'next' }] },
    ],
    expected: [prompt('p'), reply('ok'), prompt('next')],
    warning: /dropped 1 tool result/,
  },
  {
    damage: 'none: a session that stopped mid tool round keeps its last calls for the next prompt to answer',
    stored: [prompt('p'), calls('a')],
    expected: [prompt('p'), calls('a')],
  },
  {
    damage: 'none: a well-formed tool round',
    stored: [prompt('p'), calls('a', 'b'), results('a', 'b'), reply('done')],
    expected: [prompt('p'), calls('a', 'b'), results('a', 'b'), reply('done')],
  },
];

describe('repairing tool pairing on load', () => {
  it.each(rows)('$damage', ({ stored, expected, warning }) => {
    const state = replay(stored);
    expect(state.messages).toEqual(expected);
    if (warning) expect(state.warnings).toEqual([expect.stringMatching(warning)]);
    else expect(state.warnings).toEqual([]);
  });
});
