import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeScript } from '../src/index.js';
import { useMockServer } from './helpers.js';

/** The slice of `@anthropic-ai/sdk` these tests use. */
interface SdkMessage {
  content: Array<{ type: string; text?: string; thinking?: string; signature?: string; input?: unknown }>;
  stop_reason: string | null;
  usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number | null };
}
interface SdkClient {
  messages: {
    stream(params: Record<string, unknown>): { finalMessage(): Promise<SdkMessage> };
    create(params: Record<string, unknown>): Promise<SdkMessage>;
  };
}
type SdkConstructor = new (options: Record<string, unknown>) => SdkClient;

/**
 * The SDK is not a dependency of this package (it belongs to @claw/api-client). Resolve it from here or,
 * in the monorepo, from api-client; skip these tests where neither has it installed.
 */
async function loadSdk(): Promise<SdkConstructor | undefined> {
  const candidates = [
    new URL('../package.json', import.meta.url),
    new URL('../../api-client/package.json', import.meta.url),
  ];
  for (const candidate of candidates) {
    try {
      const resolved = createRequire(fileURLToPath(candidate)).resolve('@anthropic-ai/sdk');
      const module = (await import(pathToFileURL(resolved).href)) as { default?: SdkConstructor };
      if (module.default) return module.default;
    } catch {
      // Not installed at this location; try the next one.
    }
  }
  return undefined;
}

const Anthropic = await loadSdk();
const server = useMockServer();

function client(maxRetries = 0): SdkClient {
  if (!Anthropic) throw new Error('SDK not loaded');
  return new Anthropic({ apiKey: 'test-key', baseURL: server().url, maxRetries });
}

function user(text: string) {
  return { model: 'claude-test', max_tokens: 512, messages: [{ role: 'user', content: text }] };
}

describe.skipIf(!Anthropic)('the official @anthropic-ai/sdk reads the mock', () => {
  it('accumulates a streamed text message', async () => {
    const message = await client().messages.stream(user('PARITY_SCENARIO:streaming_text')).finalMessage();
    expect(message.content[0]?.text).toBe(
      'Mock streaming says hello. This reply arrives in several text deltas, in order.',
    );
    expect(message.stop_reason).toBe('end_turn');
  });

  it('parses tool input streamed in 1–3 character chunks', async () => {
    const message = await client()
      .messages.stream(user('PARITY_SCENARIO:grep_chunk_assembly'))
      .finalMessage();
    expect(message.content[0]?.input).toEqual({ pattern: 'parity', path: '.', output_mode: 'content' });
  });

  it('accumulates thinking with its signature, and cache usage', async () => {
    const thinking = await client().messages.stream(user('PARITY_SCENARIO:thinking_text')).finalMessage();
    expect(thinking.content[0]).toMatchObject({
      type: 'thinking',
      signature: 'mock-signature-thinking-text',
    });
    const cost = await client().messages.stream(user('PARITY_SCENARIO:token_cost_reporting')).finalMessage();
    expect(cost.usage).toMatchObject({
      input_tokens: 1200,
      output_tokens: 340,
      cache_read_input_tokens: 4096,
    });
  });

  it('retries a 500 and then succeeds (non-streaming)', async () => {
    const message = await client(2).messages.create(user('PARITY_SCENARIO:fault_500'));
    expect(message.content[0]?.text).toBe('Recovered after a 500 api_error.');
    expect(server().requests).toHaveLength(2);
  });

  it('surfaces an overloaded error event mid-stream', async () => {
    const token = encodeScript([
      { text: 'partial reply here', fault: { kind: 'stream_error_event', failAttempts: 'always' } },
    ]);
    await expect(client().messages.stream(user(token)).finalMessage()).rejects.toThrow(/Overloaded/);
  });
});
