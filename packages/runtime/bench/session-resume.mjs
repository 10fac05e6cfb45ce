// Session resume micro-benchmark: writes a 5,000-message session with the real store, then times
// open + load (stream, parse, check, replay). Prints one JSON line. Budget (SPEC §7): ≤ 500 ms.
// Needs the built package: `pnpm --filter @claw/runtime build` first.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionStore } from '../dist/session/index.js';

const MESSAGES = Number(process.env.CLAW_BENCH_MESSAGES ?? 5000);
const RUNS = 5;
const BUDGET_MS = 500;

const workspaceRoot = await mkdtemp(join(tmpdir(), 'claw-bench-resume-'));
try {
  const store = new SessionStore({ workspaceRoot });
  const session = await store.create({ model: 'claude-sonnet-4-5' });
  const usage = {
    input_tokens: 1200,
    output_tokens: 300,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 900,
  };
  for (let i = 0; i < MESSAGES / 2; i++) {
    session.append({
      type: 'message',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: `t${i - 1}`, content: `line\n`.repeat(40) }],
      },
    });
    session.append({
      type: 'message',
      message: {
        role: 'assistant',
        content: [
          { type: 'text', text: `Step ${i}: reading the next file. ${'lorem ipsum dolor '.repeat(10)}` },
          { type: 'tool_use', id: `t${i}`, name: 'Read', input: { path: `src/module-${i}.ts` } },
        ],
      },
    });
    session.append({ type: 'usage', usage, costUsd: 0.004, model: 'claude-sonnet-4-5' });
    if (i % 100 === 99) await session.flush();
  }
  await session.close();
  const bytes = (await stat(session.path)).size;

  const times = [];
  let messages = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const resumed = await new SessionStore({ workspaceRoot }).open(session.id);
    const loaded = await resumed.load();
    times.push(performance.now() - started);
    messages = loaded.messages.length;
    await resumed.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    JSON.stringify({
      bench: 'session-resume',
      messages,
      fileBytes: bytes,
      firstMs: Number(times[0].toFixed(1)),
      medianMs: Number(median.toFixed(1)),
      budgetMs: BUDGET_MS,
      withinBudget: times[0] <= BUDGET_MS,
    }),
  );
} finally {
  await rm(workspaceRoot, { recursive: true, force: true });
}
