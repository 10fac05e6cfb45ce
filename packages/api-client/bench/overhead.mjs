// Per-request overhead of @claw/api-client over the raw HTTP round trip to @claw/mock-anthropic, for both
// providers. The mock runs in its own process. For each provider the client's first request is recorded
// (URL, headers, body bytes) and the raw round trip replays exactly those bytes with a bare fetch that reads
// the streamed body to its end; the client does the same request through the SDK, SSE parsing, assembly,
// retries and idle-timeout guards. Both share one keep-alive pool and are warmed up first, then run in
// alternating pairs (order flipped each pair); the overhead is the median of the per-pair differences.
//
// Usage: node packages/api-client/bench/overhead.mjs [pairs]   (needs `pnpm build`)
// Prints exactly one JSON line on stdout, last; nothing else goes to stdout.
import { startMockProcess } from '../../mock-anthropic/dist/child-process.js';
import { createAnthropicProvider, createOpenAICompatibleProvider } from '../dist/index.js';

const PAIRS = Number(process.argv[2] ?? process.env.CLAW_BENCH_PAIRS ?? 400);
const WARMUP = 50;
// A multi-delta text reply (the mock splits it into 12-character deltas), the common case of a turn.
const PROMPT = 'PARITY_SCENARIO:streaming_text';

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

const round = (value) => Number(value.toFixed(3));

/** A fetch that remembers the first request it sends, so the raw baseline can replay the same bytes. */
function recordingFetch() {
  const state = { first: undefined };
  const recording = async (input, init = {}) => {
    if (!state.first) {
      state.first = {
        url: String(input instanceof Request ? input.url : input),
        method: init.method ?? 'POST',
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        body: init.body,
      };
    }
    return fetch(input, init);
  };
  return { fetch: recording, state };
}

async function rawRoundTrip(recorded) {
  const response = await fetch(recorded.url, {
    method: recorded.method,
    headers: recorded.headers,
    body: recorded.body,
  });
  if (!response.ok) throw new Error(`raw request failed: ${response.status}`);
  const reader = response.body.getReader();
  while (!(await reader.read()).done) {
    // Read every chunk as it arrives, as a streaming client must; the bytes themselves are not used.
  }
}

function benchProvider(kind, url) {
  const recorder = recordingFetch();
  const shared = { env: {}, fetch: recorder.fetch, retry: { maxRetries: 0 } };
  const provider =
    kind === 'anthropic'
      ? createAnthropicProvider({ ...shared, apiKey: 'sk-ant-bench', baseURL: url, promptCaching: false })
      : createOpenAICompatibleProvider({ ...shared, apiKey: 'sk-bench', baseURL: `${url}/v1` });
  const request = {
    model: kind === 'anthropic' ? 'claude-sonnet-5-5' : 'gpt-4o',
    maxTokens: 256,
    messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
  };
  const client = async () => {
    let stopped = false;
    for await (const event of provider.stream(request)) if (event.type === 'message_stop') stopped = true;
    if (!stopped) throw new Error(`${kind}: stream ended without message_stop`);
  };
  return { client, raw: () => rawRoundTrip(recorder.state.first) };
}

async function measure(kind, url) {
  const { client, raw } = benchProvider(kind, url);
  // Warm-up: SDK loading, JIT, and the keep-alive connections both sides then share.
  for (let i = 0; i < WARMUP; i++) {
    await client();
    await raw();
  }
  const raws = [];
  const clients = [];
  const diffs = [];
  const time = async (fn) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  for (let i = 0; i < PAIRS; i++) {
    let rawMs;
    let clientMs;
    if (i % 2 === 0) {
      rawMs = await time(raw);
      clientMs = await time(client);
    } else {
      clientMs = await time(client);
      rawMs = await time(raw);
    }
    raws.push(rawMs);
    clients.push(clientMs);
    diffs.push(clientMs - rawMs);
  }
  const rawMedian = quantile(raws, 0.5);
  const clientMedian = quantile(clients, 0.5);
  return {
    raw_ms: round(rawMedian),
    client_ms: round(clientMedian),
    overhead_ms: round(quantile(diffs, 0.5)),
    overhead_p90_ms: round(quantile(diffs, 0.9)),
    ratio: round(clientMedian / rawMedian),
  };
}

const mock = await startMockProcess();
try {
  const anthropic = await measure('anthropic', mock.url);
  const openai = await measure('openai-compatible', mock.url);
  console.log(
    JSON.stringify({
      bench: 'api-client-overhead',
      pairs: PAIRS,
      scenario: 'streaming_text',
      overhead_ms: Math.max(anthropic.overhead_ms, openai.overhead_ms),
      anthropic,
      openai_compatible: openai,
    }),
  );
} finally {
  await mock.stop();
}
