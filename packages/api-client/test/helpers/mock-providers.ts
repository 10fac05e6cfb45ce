import { encodeScript, type MockServer, type MockStep } from '@claw/mock-anthropic';
import {
  createAnthropicProvider,
  createOpenAICompatibleProvider,
  type ModelRequest,
  type Provider,
  type ProviderKind,
  type RetryPolicy,
  type StreamEvent,
} from '../../src/index.js';
import { instantRetries } from './collect.js';

/** Options a test may vary; everything else is fixed so both providers meet the mock the same way. */
export interface MockProviderOptions {
  retry?: Partial<RetryPolicy>;
  idleTimeoutMs?: number;
}

export interface MockProvider {
  provider: Provider;
  /** Back-off waits the retry loop asked for (the sleep is instant). */
  delays: number[];
}

export const PROVIDER_KINDS: readonly ProviderKind[] = ['anthropic', 'openai-compatible'];

const MODEL: Record<ProviderKind, string> = {
  anthropic: 'claude-sonnet-5-5',
  'openai-compatible': 'gpt-4o',
};

/** A provider of `kind` pointed at the mock (`/v1/messages` or `/v1/chat/completions`), with instant retries. */
export function mockProvider(
  kind: ProviderKind,
  server: MockServer,
  options: MockProviderOptions = {},
): MockProvider {
  const retries = instantRetries();
  const shared = { env: {}, ...retries, ...options };
  const provider =
    kind === 'anthropic'
      ? createAnthropicProvider({ apiKey: 'sk-ant-api03-mock', baseURL: server.url, ...shared })
      : createOpenAICompatibleProvider({ apiKey: 'sk-mock', baseURL: `${server.url}/v1`, ...shared });
  return { provider, delays: retries.delays };
}

/** A one-message request whose user text carries a `MOCK_SCRIPT` token: the mock answers with `steps`. */
export function scripted(kind: ProviderKind, steps: MockStep[]): ModelRequest {
  return {
    model: MODEL[kind],
    maxTokens: 1024,
    messages: [{ role: 'user', content: [{ type: 'text', text: `run ${encodeScript(steps)}` }] }],
  };
}

/** Every text delta the caller was shown, joined: what a UI would have printed. */
export function shownText(events: StreamEvent[]): string {
  return events.map((event) => (event.type === 'text_delta' ? event.text : '')).join('');
}

export function retryEvents(events: StreamEvent[]): Array<Extract<StreamEvent, { type: 'retry' }>> {
  return events.filter((event): event is Extract<StreamEvent, { type: 'retry' }> => event.type === 'retry');
}

/** Requests the mock received on the provider's route (ignores anything else). */
export function modelRequests(server: MockServer): number {
  return server.requests.filter((r) => r.path === '/v1/messages' || r.path === '/v1/chat/completions').length;
}
