import {
  type AssistantMessage,
  emptyUsage,
  type Message,
  type ModelRequest,
  type Provider,
  type StreamEvent,
} from '@claw/api-client';
import { describe, expect, it } from 'vitest';
import { compactConversation } from '../../src/compaction/compact.js';
import type { SessionEvent } from '../../src/session/index.js';
import { replaySessionEvents } from '../../src/session/index.js';

/** A provider that answers every request with the same summary and records what it was asked. */
function summarizer(): Provider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  async function* stream(request: ModelRequest): AsyncGenerator<StreamEvent> {
    requests.push(structuredClone(request));
    const message: AssistantMessage = {
      id: 'msg_summary',
      model: 'claude-test',
      role: 'assistant',
      content: [{ type: 'text', text: '<summary>SUMMARY-TEXT</summary>' }],
      stopReason: 'end_turn',
      usage: emptyUsage(),
    };
    yield { type: 'message_start', id: message.id, model: message.model, usage: emptyUsage() };
    yield { type: 'message_stop', message };
  }
  return { kind: 'anthropic', stream, requests };
}

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const toolCall = (id: string): Message => ({
  role: 'assistant',
  content: [{ type: 'tool_use', id, name: 'Read', input: { file_path: 'a.txt' } }],
});
const toolResult = (id: string): Message => ({
  role: 'user',
  content: [{ type: 'tool_result', tool_use_id: id, content: 'body' }],
});

async function compact(messages: Message[]) {
  const provider = summarizer();
  const result = await compactConversation({
    provider,
    model: 'claude-test',
    maxOutputTokens: 8192,
    messages,
    signal: new AbortController().signal,
  });
  if (!result) throw new Error('expected a compaction');
  return { result, provider };
}

function texts(message: Message | undefined): string[] {
  return (message?.content ?? []).flatMap((b) => (b.type === 'text' ? [b.text] : []));
}

/** What a resume rebuilds: the messages, then the compaction line (and the acknowledgement when added). */
function replayed(before: Message[], result: Awaited<ReturnType<typeof compact>>['result']): Message[] {
  const ts = '2025-01-01T00:00:00.000Z';
  const events: SessionEvent[] = before.map((message) => ({ v: 1, type: 'message', message, ts }));
  events.push({ v: 1, type: 'compaction', summary: result.summary, replacedCount: result.replacedCount, ts });
  if (result.replacedCount === before.length && result.messages[1])
    events.push({ v: 1, type: 'message', message: result.messages[1], ts });
  return replaySessionEvents(events).messages;
}

describe('compactConversation', () => {
  it('keeps the unanswered prompt verbatim as the last user message when compacting at the start of a prompt', async () => {
    const history = [user('first task'), assistant('did it'), user('NEW PROMPT')];
    const { result, provider } = await compact(history);
    expect(result.replacedCount).toBe(2);
    expect(result.messages).toHaveLength(1);
    const last = result.messages.at(-1);
    expect(last?.role).toBe('user');
    expect(texts(last).at(-1)).toBe('NEW PROMPT');
    expect(texts(last)[0]).toContain('SUMMARY-TEXT');
    // The prompt is not part of what the model was asked to summarize.
    expect(JSON.stringify(provider.requests[0]?.messages)).not.toContain('NEW PROMPT');
    expect(replayed(history, result)).toEqual(result.messages);
  });

  it('keeps the interrupted tool call with the prompt that answers it, so no tool_result is orphaned', async () => {
    const interrupted: Message = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'tu_1', content: 'not run', is_error: true },
        { type: 'text', text: 'NEW PROMPT' },
      ],
    };
    const history = [user('first task'), assistant('ok'), user('read it'), toolCall('tu_1'), interrupted];
    const { result } = await compact(history);
    expect(result.replacedCount).toBe(3);
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(result.messages[1]).toEqual(toolCall('tu_1'));
    expect(result.messages[2]).toEqual(interrupted);
    expect(replayed(history, result)).toEqual(result.messages);
  });

  it('mid-task keeps the last tool round verbatim and summarizes the rest of the task', async () => {
    const history = [
      user('old task'),
      assistant('done'),
      user('THE CURRENT REQUEST'),
      toolCall('tu_1'),
      toolResult('tu_1'),
      toolCall('tu_2'),
      toolResult('tu_2'),
    ];
    const { result } = await compact(history);
    expect(result.replacedCount).toBe(5);
    expect(result.messages.slice(1)).toEqual([toolCall('tu_2'), toolResult('tu_2')]);
    expect(result.messages[0]?.role).toBe('user');
    expect(replayed(history, result)).toEqual(result.messages);
  });

  it('summarizes everything after a finished exchange (manual /compact) and acknowledges', async () => {
    const history = [user('task'), assistant('done'), user('more'), assistant('done too')];
    const { result } = await compact(history);
    expect(result.replacedCount).toBe(4);
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(replayed(history, result)).toEqual(result.messages);
  });

  it('does not compact when only the prompt and one message would be summarized', async () => {
    const provider = summarizer();
    const result = await compactConversation({
      provider,
      model: 'claude-test',
      maxOutputTokens: 8192,
      messages: [assistant('hello'), user('NEW PROMPT')],
      signal: new AbortController().signal,
    });
    expect(result).toBeUndefined();
    expect(provider.requests).toHaveLength(0);
  });
});
