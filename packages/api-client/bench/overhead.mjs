// Per-request overhead of @claw/api-client over a raw fetch round trip to @claw/mock-anthropic.
// Usage: node packages/api-client/bench/overhead.mjs [iterations]   (needs `pnpm --filter @claw/api-client build`)
// Prints one JSON line.
import { startMockServer } from '@claw/mock-anthropic';
import { createAnthropicProvider } from '../dist/index.js';

const iterations = Number(process.argv[2] ?? 200);
const warmup = Math.min(20, iterations);
const server = await startMockServer();
const body = {
  model: 'claude-sonnet-5-5',
  max_tokens: 256,
  stream: true,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'PARITY_SCENARIO:streaming_text' }] }],
};

async function rawRoundTrip() {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'bench', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  await response.text();
}

const provider = createAnthropicProvider({
  apiKey: 'bench',
  baseURL: server.url,
  env: {},
  promptCaching: false,
});
async function clientRoundTrip() {
  let stopped = false;
  for await (const event of provider.stream({ model: body.model, maxTokens: 256, messages: body.messages })) {
    if (event.type === 'message_stop') stopped = true;
  }
  if (!stopped) throw new Error('stream ended without message_stop');
}

async function measure(fn) {
  for (let i = 0; i < warmup; i++) await fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - started) / 1e6 / iterations;
}

try {
  // Interleave to even out JIT and socket warm-up effects.
  const raw1 = await measure(rawRoundTrip);
  const client1 = await measure(clientRoundTrip);
  const raw2 = await measure(rawRoundTrip);
  const client2 = await measure(clientRoundTrip);
  const raw = Math.min(raw1, raw2);
  const client = Math.min(client1, client2);
  console.log(
    JSON.stringify({
      bench: 'api-client-overhead',
      iterations,
      raw_fetch_ms: Number(raw.toFixed(3)),
      client_ms: Number(client.toFixed(3)),
      overhead_ms: Number((client - raw).toFixed(3)),
      ratio: Number((client / raw).toFixed(3)),
    }),
  );
} finally {
  await server.close();
}
