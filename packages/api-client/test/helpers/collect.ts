import { ApiError, type AssistantMessage, type ModelRequest, type StreamEvent } from '../../src/index.js';

export interface Collected {
  events: StreamEvent[];
  message?: AssistantMessage;
  error?: ApiError;
}

export async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { events, error };
  }
  const last = events[events.length - 1];
  return { events, message: last?.type === 'message_stop' ? last.message : undefined };
}

export function userRequest(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    maxTokens: 1024,
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    ...extra,
  };
}

/** Retry deps that never wait, recording the requested delays. */
export function instantRetries(): {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  delays: number[];
} {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number) => {
      delays.push(ms);
    },
    random: () => 1,
  };
}
