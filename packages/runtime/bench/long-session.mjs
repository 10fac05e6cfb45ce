// Memory over a long session (SPEC §7: RSS growth ≤ 50 MiB over 1,000 turns): one engine, as the REPL
// keeps it, runs TURNS scripted prompts; every tenth calls Read first. The mock runs in its own process.
// RSS is read after forced GCs once warm (turn 20) and at the end. Also reports the resume time of the
// session it wrote. Prints one JSON line. Needs built packages: `pnpm build` first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (typeof globalThis.gc !== 'function') {
  // Re-run with --expose-gc so the figures are live memory, not garbage waiting for a collection.
  const rerun = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const { openClawEngine, SessionStore } = await import('../dist/index.js');
const { encodeScript, startMockProcess } = await import('./mock-process.mjs');

const TURNS = Number(process.env.CLAW_BENCH_TURNS ?? 1000);
const WARM_TURN = 20;
const BUDGET_MIB = 50;
const read = { name: 'Read', input: { file_path: 'fixture.txt' } };
const reply = 'Here is what I found in the file, summarised for you. '.repeat(6);

/**
 * RSS of live memory: a collection, then a pause so the finalizers that free V8's "external" memory (fetch's
 * buffers) run, then another collection. Reading right after one gc() counted up to 30 MiB of freed-but-not-
 * yet-finalized memory, which made the figure swing between runs.
 */
const rssMiB = async () => {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  globalThis.gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

const root = mkdtempSync(join(tmpdir(), 'claw-bench-long-'));
const mock = await startMockProcess();
try {
  const workspaceRoot = join(root, 'ws');
  mkdirSync(workspaceRoot, { recursive: true });
  writeFileSync(join(workspaceRoot, 'fixture.txt'), 'a line of the fixture file\n'.repeat(40));
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
  const noop = { signal: new AbortController().signal, onEvent: () => {} };
  let warm = 0;
  const started = performance.now();
  for (let turn = 1; turn <= TURNS; turn++) {
    const steps = turn % 10 === 0 ? [{ toolUses: [read] }, { text: reply }] : [{ text: reply }];
    const result = await engine.run(`turn ${turn} ${encodeScript(steps)}`, noop);
    if (result.subtype !== 'success')
      throw new Error(`turn ${turn}: ${result.subtype} ${result.error?.message}`);
    if (turn === WARM_TURN) warm = await rssMiB();
  }
  const elapsedS = (performance.now() - started) / 1000;
  const end = await rssMiB();
  const sessionId = engine.sessionId;
  await engine.close();

  const resumeStarted = performance.now();
  const resumed = await new SessionStore({ workspaceRoot }).open(sessionId);
  const loaded = await resumed.load();
  const resumeMs = performance.now() - resumeStarted;
  await resumed.close();

  const growth = end - warm;
  console.log(
    JSON.stringify({
      bench: 'long-session',
      turns: TURNS,
      messages: loaded.totalMessageCount,
      seconds: Number(elapsedS.toFixed(1)),
      rssWarmMiB: Number(warm.toFixed(1)),
      rssEndMiB: Number(end.toFixed(1)),
      rssGrowthMiB: Number(growth.toFixed(1)),
      budgetMiB: BUDGET_MIB,
      withinBudget: growth <= BUDGET_MIB,
      resumeMs: Number(resumeMs.toFixed(1)),
    }),
  );
} finally {
  await mock.stop();
  rmSync(root, { recursive: true, force: true });
}
