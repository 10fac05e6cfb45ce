import {
  emptyUsage,
  type Message,
  type ModelRequest,
  type Provider,
  type StreamEvent,
} from '@claw/api-client';
import { describe, expect, it } from 'vitest';
import { type AgentLoopOptions, runAgentLoop } from '../../src/loop/agent-loop.js';
import { UsageMeter } from '../../src/loop/usage-meter.js';

// Ctrl-C mid-reply: what the user saw stays in the conversation (marked interrupted on disk), and the
// request's input tokens, which were billed, are counted.

const startUsage = { ...emptyUsage(), input_tokens: 1234, cache_read_input_tokens: 100, output_tokens: 1 };

/** Streams `text` after a message_start, then hangs until the request is aborted. */
function hangingProvider(text: string): Provider {
  async function* stream(
    _request: ModelRequest,
    options?: { signal?: AbortSignal },
  ): AsyncGenerator<StreamEvent> {
    yield { type: 'message_start', id: 'm', model: 'claude-test', usage: startUsage };
    if (text) yield { type: 'text_delta', index: 0, text };
    await new Promise((_resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
        once: true,
      });
    });
  }
  return { kind: 'anthropic', stream };
}

async function interrupt(text: string) {
  const controller = new AbortController();
  const persisted: Array<{ message: Message; meta?: { interrupted: true } }> = [];
  const usages: number[] = [];
  const meter = new UsageMeter();
  const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'write a poem' }] }];
  const options: AgentLoopOptions = {
    provider: hangingProvider(text),
    model: 'claude-test',
    maxOutputTokens: 1000,
    system: 'sys',
    toolSpecs: [],
    toolDeps: {
      tools: [],
      authorize: async () => ({ allowed: true }),
      contextFor: () => {
        throw new Error('no tools here');
      },
      capOutput: async (result) => result,
    },
    costOf: () => 0.5,
    meter,
    onMessage: (message, meta) => persisted.push({ message, ...(meta ? { meta } : {}) }),
    onUsage: (usage) => usages.push(usage.input_tokens),
    emit: (event) => {
      // Abort once the user has seen the text (or the stream started, when there is none).
      if (event.type === 'text_delta' || (!text && event.type === 'stream_event')) controller.abort();
    },
  };
  const result = await runAgentLoop(messages, options, controller.signal);
  return { result, messages, persisted, usages };
}

describe('an abort mid-stream', () => {
  it('keeps the partial text as an interrupted assistant message and counts the input tokens', async () => {
    const { result, messages, persisted, usages } = await interrupt('Roses are re');
    expect(result.error?.kind).toBe('aborted');
    const partial: Message = { role: 'assistant', content: [{ type: 'text', text: 'Roses are re' }] };
    expect(messages.at(-1)).toEqual(partial);
    expect(persisted).toEqual([{ message: partial, meta: { interrupted: true } }]);
    expect(result.usage).toMatchObject({
      input_tokens: 1234,
      cache_read_input_tokens: 100,
      output_tokens: 1,
    });
    expect(result.totalCostUsd).toBe(0.5);
    expect(usages).toEqual([1234]);
  });

  it('adds no empty assistant message when nothing was shown, but still counts the input', async () => {
    const { messages, persisted, result } = await interrupt('');
    expect(messages.map((m) => m.role)).toEqual(['user']);
    expect(persisted).toEqual([]);
    expect(result.usage.input_tokens).toBe(1234);
  });
});
