// Harness overhead per tool round trip (SPEC §7: ≤ 15 ms): one prompt whose scripted model calls Read
// ROUNDS times, through the real engine (permissions, hooks lookup, tool dispatch, session writes, request
// building, SSE parsing) against the mock in its own process. The raw cost of the same HTTP round trip
// (a bare fetch of one streamed tool_use reply) is measured alone and subtracted. Prints one JSON line.
// Needs built packages: `pnpm build` first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClawEngine } from '../dist/index.js';
import { encodeScript, median, startMockProcess } from './mock-process.mjs';

const ROUNDS = Number(process.env.CLAW_BENCH_ROUNDS ?? 60);
const BUDGET_MS = 15;
const read = { name: 'Read', input: { file_path: 'fixture.txt' } };

async function rawRoundTrip(url, token) {
  const started = performance.now();
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-bench',
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: `go ${token}` }],
    }),
  });
  await response.text();
  return performance.now() - started;
}

const root = mkdtempSync(join(tmpdir(), 'claw-bench-rt-'));
const mock = await startMockProcess();
try {
  const workspaceRoot = join(root, 'ws');
  mkdirSync(workspaceRoot, { recursive: true });
  writeFileSync(join(workspaceRoot, 'fixture.txt'), 'a small file\n'.repeat(20));
  const oneRead = encodeScript([{ toolUses: [read] }]);
  for (let i = 0; i < 20; i++) await rawRoundTrip(mock.url, oneRead);
  const raw = [];
  for (let i = 0; i < ROUNDS; i++) raw.push(await rawRoundTrip(mock.url, oneRead));

  const engine = await openClawEngine({
    workspaceRoot,
    configHome: join(root, 'config'),
    env: {
      HOME: root,
      ANTHROPIC_BASE_URL: mock.url,
      ANTHROPIC_API_KEY: 'sk-ant-bench',
      PATH: process.env.PATH,
    },
    interactive: false,
  });
  // Warm-up prompt: module loading and the first connection are start-up cost, not per-round cost.
  const noop = { signal: new AbortController().signal, onEvent: () => {} };
  await engine.run(`warm up ${encodeScript([{ toolUses: [read] }, { text: 'ok' }])}`, noop);
  const script = [...Array.from({ length: ROUNDS }, () => ({ toolUses: [read] })), { text: 'done' }];
  const started = performance.now();
  const result = await engine.run(`bench ${encodeScript(script)}`, noop);
  const totalMs = performance.now() - started;
  await engine.close();
  if (result.subtype !== 'success' || result.numTurns !== ROUNDS + 1) {
    throw new Error(`unexpected result: ${result.subtype}, ${result.numTurns} turns`);
  }
  const perRoundMs = totalMs / (ROUNDS + 1);
  const rawMs = median(raw);
  const overheadMs = perRoundMs - rawMs;
  console.log(
    JSON.stringify({
      bench: 'tool-roundtrip',
      rounds: ROUNDS,
      perRoundMs: Number(perRoundMs.toFixed(2)),
      rawMockRoundTripMs: Number(rawMs.toFixed(2)),
      overheadMs: Number(overheadMs.toFixed(2)),
      budgetMs: BUDGET_MS,
      withinBudget: overheadMs <= BUDGET_MS,
    }),
  );
} finally {
  await mock.stop();
  rmSync(root, { recursive: true, force: true });
}
