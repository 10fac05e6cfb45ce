import {
  ApiError,
  type AssistantMessage,
  type ContentBlock,
  emptyUsage,
  type Message,
  type ModelRequest,
  type Provider,
  type StopReason,
  type StreamEvent,
} from '@claw/api-client';
import { describe, expect, it } from 'vitest';
import { type AgentLoopOptions, runAgentLoop } from '../../src/loop/agent-loop.js';
import type { AgentEvent } from '../../src/loop/events.js';
import { UsageMeter } from '../../src/loop/usage-meter.js';

type Step =
  | { content: ContentBlock[]; stopReason: StopReason; incompleteToolName?: string }
  | { fail: ApiError; afterText?: string };

function reply(text: string, stopReason: StopReason = 'end_turn'): Step {
  return { content: [{ type: 'text', text }], stopReason };
}

/** A provider that plays one step per request and records what it was asked. */
function scriptedProvider(steps: Step[]): Provider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  async function* stream(request: ModelRequest): AsyncGenerator<StreamEvent> {
    requests.push(structuredClone(request));
    const step = steps[requests.length - 1];
    if (!step) throw new Error(`no step for request ${requests.length}`);
    yield { type: 'message_start', id: 'm', model: 'claude-test', usage: emptyUsage() };
    if ('fail' in step) {
      if (step.afterText) yield { type: 'text_delta', index: 0, text: step.afterText };
      throw step.fail;
    }
    for (const [index, block] of step.content.entries())
      if (block.type === 'text') yield { type: 'text_delta', index, text: block.text };
    const message: AssistantMessage = {
      id: `msg_${requests.length}`,
      model: 'claude-test',
      role: 'assistant',
      content: step.content,
      stopReason: step.stopReason,
      usage: { ...emptyUsage(), input_tokens: 10, output_tokens: 5 },
      ...(step.incompleteToolName
        ? {
            incompleteToolUse: { index: 9, id: 'tu_cut', name: step.incompleteToolName, partialJson: '{"fi' },
          }
        : {}),
    };
    yield { type: 'message_stop', message };
  }
  return { kind: 'anthropic', stream, requests };
}

function setup(steps: Step[], extra: Partial<AgentLoopOptions> = {}) {
  const provider = scriptedProvider(steps);
  const events: AgentEvent[] = [];
  const sleeps: number[] = [];
  const options: AgentLoopOptions = {
    provider,
    model: 'claude-test',
    maxOutputTokens: 64_000,
    system: 'sys',
    toolSpecs: [],
    toolDeps: {
      tools: [],
      authorize: async () => ({ allowed: true }),
      contextFor: () => {
        throw new Error('no tool runs in these tests');
      },
      capOutput: async (result) => result,
    },
    costOf: () => 0.1 + 0.2,
    meter: new UsageMeter(),
    turnRetry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
    },
    emit: (event) => events.push(event),
    ...extra,
  };
  const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'go' }] }];
  return {
    provider,
    events,
    sleeps,
    messages,
    run: () => runAgentLoop(messages, options, new AbortController().signal),
  };
}

const interrupted = (cause: ApiError) =>
  new ApiError('stream_interrupted', `stream interrupted after output started: ${cause.message}`, {
    retryable: true,
    cause,
  });

describe('agent loop: max_tokens continuation', () => {
  it('returns the whole answer, joined across the continued messages', async () => {
    const { run } = setup([
      reply('This answer is cut off in the mid', 'max_tokens'),
      reply('dle of a sentence, and now it is finished.'),
    ]);
    const result = await run();
    expect(result.subtype).toBe('success');
    expect(result.text).toBe('This answer is cut off in the middle of a sentence, and now it is finished.');
  });

  it('starts a new answer after a tool round', async () => {
    const { run } = setup([
      reply('first part ', 'max_tokens'),
      {
        content: [{ type: 'tool_use', id: 'tu_1', name: 'Read', input: { file_path: 'a' } }],
        stopReason: 'tool_use',
      },
      reply('final'),
    ]);
    expect((await run()).text).toBe('final');
  });
});

describe('agent loop: a tool call cut off next to complete ones', () => {
  it('tells the model, in the tool_result message, that the cut call never ran', async () => {
    const { run, provider } = setup([
      {
        content: [{ type: 'tool_use', id: 'tu_read', name: 'Read', input: { file_path: 'a.txt' } }],
        stopReason: 'max_tokens',
        incompleteToolName: 'Write',
      },
      reply('ok'),
    ]);
    await run();
    const next = provider.requests[1]?.messages.at(-1);
    expect(next?.role).toBe('user');
    expect(next?.content.map((b) => b.type)).toEqual(['tool_result', 'text']);
    expect(next?.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'tu_read' });
    expect(next?.content[1]).toMatchObject({ text: expect.stringContaining('cut off') });
  });
});

describe('agent loop: a turn that broke after output started', () => {
  it('is redone with the provider back-off, announced as retry events', async () => {
    const overloaded = new ApiError('overloaded', 'Overloaded', { retryable: true });
    const { run, events, sleeps, provider } = setup([
      { fail: interrupted(overloaded), afterText: 'Hel' },
      { fail: interrupted(overloaded), afterText: 'Hel' },
      { fail: interrupted(overloaded), afterText: 'Hel' },
      reply('Hello'),
    ]);
    const result = await run();
    expect(result.subtype).toBe('success');
    expect(provider.requests).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries).toHaveLength(3);
    expect(retries[0]).toMatchObject({ attempt: 1, maxAttempts: 8, delayMs: 500 });
    expect(retries[0]?.type === 'retry' && retries[0].reason).toContain('overloaded mid-reply');
    // The prefix shown before the drop is not shown again.
    const shown = events.flatMap((e) => (e.type === 'text_delta' ? [e.text] : [])).join('');
    expect(shown).toBe('Hello');
  });

  it('honours retry-after and gives up after the policy maxRetries', async () => {
    const cause = new ApiError('network', 'closed', { retryable: true });
    const error = new ApiError('stream_interrupted', 'interrupted', { retryAfterMs: 7_000, cause });
    const policy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 32_000, maxElapsedMs: 180_000 };
    const sleeps: number[] = [];
    const { run, provider } = setup([{ fail: error }, { fail: error }, { fail: error }], {
      turnRetry: { policy, sleep: async (ms) => void sleeps.push(ms) },
    });
    const result = await run();
    expect(result.subtype).toBe('error_during_execution');
    expect(result.error?.kind).toBe('stream_interrupted');
    expect(provider.requests).toHaveLength(3);
    expect(sleeps).toEqual([7_000, 7_000]);
  });
});

describe('agent loop: request sizing', () => {
  it('reduces max_tokens so the estimated input and the reply fit the window', async () => {
    const { run, provider, messages } = setup([reply('ok')], { contextWindow: 200_000 });
    messages[0] = { role: 'user', content: [{ type: 'text', text: 'x'.repeat(4 * 180_000) }] };
    await run();
    const maxTokens = provider.requests[0]?.maxTokens ?? 0;
    expect(maxTokens).toBeLessThan(64_000);
    expect(maxTokens).toBeGreaterThanOrEqual(1_024);
  });

  it('keeps the model maximum when the input is small', async () => {
    const { run, provider } = setup([reply('ok')], { contextWindow: 200_000 });
    await run();
    expect(provider.requests[0]?.maxTokens).toBe(64_000);
  });

  it('retries once with the max_tokens the server said fits', async () => {
    const tooLong = new ApiError(
      'context_too_long',
      'Anthropic API prompt is too long for the model (400): input length and `max_tokens` exceed context limit: 188240 + 64000 > 200000',
    );
    const { run, provider } = setup([{ fail: tooLong }, reply('fits')]);
    const result = await run();
    expect(result.text).toBe('fits');
    expect(provider.requests.map((r) => r.maxTokens)).toEqual([64_000, 11_760]);
  });

  it('sends the thinking budget below max_tokens', async () => {
    const { run, provider } = setup([reply('ok')], { maxOutputTokens: 8_000, thinkingBudgetTokens: 31_999 });
    await run();
    expect(provider.requests[0]).toMatchObject({ maxTokens: 8_000, thinkingBudgetTokens: 7_999 });
  });
});

describe('agent loop: refusal', () => {
  it('ends as an error, keeping what the model said', async () => {
    const { run } = setup([reply('I cannot help with that.', 'refusal')]);
    const result = await run();
    expect(result.subtype).toBe('error_during_execution');
    expect(result.error?.kind).toBe('refusal');
    expect(result.text).toBe('I cannot help with that.');
  });
});
