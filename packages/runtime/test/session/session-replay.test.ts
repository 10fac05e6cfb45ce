import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/session/session-events.js';
import { replaySessionEvents } from '../../src/session/session-replay.js';

const ts = '2026-01-01T00:00:00.000Z';
const usage = (input: number, costUsd?: number): SessionEvent => ({
  v: 1,
  ts,
  type: 'usage',
  model: 'm',
  usage: {
    input_tokens: input,
    output_tokens: 10,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 5,
  },
  ...(costUsd !== undefined ? { costUsd } : {}),
});
const compaction: SessionEvent = {
  v: 1,
  ts,
  type: 'compaction',
  summary: 's',
  replacedCount: 0,
  trigger: 'auto',
};

describe('replaying usage', () => {
  it('sums priced requests and counts them', () => {
    const state = replaySessionEvents([usage(100, 0.01), usage(200, 0.02)]);
    expect(state.costTotal).toBeCloseTo(0.03);
    expect(state.requestCount).toBe(2);
    expect(state.contextTokens).toBe(205);
  });

  it('reports the cost as unknown once one request had no price, instead of a partial sum', () => {
    const state = replaySessionEvents([usage(100, 0.01), usage(200), usage(300, 0.02)]);
    expect(state.costTotal).toBeUndefined();
    expect(state.requestCount).toBe(3);
  });

  it('starts counting the context afresh after a compaction', () => {
    expect(replaySessionEvents([usage(150_000, 0.5), compaction]).contextTokens).toBe(0);
    expect(replaySessionEvents([usage(150_000, 0.5), compaction, usage(900, 0.01)]).contextTokens).toBe(905);
  });
});
