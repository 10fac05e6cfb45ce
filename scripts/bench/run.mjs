// `pnpm bench`: measures claw against named baselines in the same run and prints ratios next to the
// budgets of SPEC §7. Figures are written to bench-results/latest.json. Timing is never asserted in tests;
// this is where it is recorded.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const claw = join(root, 'apps/cli/bin/run.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs a command and reports wall time and the peak RSS read from /proc while it ran. */
function timeOnce(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmHWM:\s+(\d+)/.exec(status);
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // The process already exited.
      }
    }, 2);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.resume();
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      if (code !== 0 && !options.allowFailure)
        reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, peakMiB: peakKb / 1024 });
    });
  });
}

async function measure(file, args, options) {
  const times = [];
  const peaks = [];
  await timeOnce(file, args, options); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const { ms, peakMiB } = await timeOnce(file, args, options);
    times.push(ms);
    peaks.push(peakMiB);
  }
  return { ms: median(times), peakMiB: Math.max(...peaks) };
}

function runScript(path) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      const line = out.trim().split('\n').filter(Boolean).at(-1);
      try {
        resolve(code === 0 && line ? JSON.parse(line) : { error: `exit ${code}` });
      } catch {
        resolve({ error: `unparseable output: ${line}` });
      }
    });
  });
}

const results = { date: new Date().toISOString(), node: process.version, runs, figures: {} };
const row = (name, value, baseline, budget, unit = 'x') => {
  const ratio = value / baseline;
  results.figures[name] = {
    value: Number(value.toFixed(2)),
    baseline: Number(baseline.toFixed(2)),
    ratio: Number(ratio.toFixed(2)),
    budget,
  };
  const ok = budget === undefined ? '' : ratio <= budget ? 'ok' : 'OVER';
  console.log(
    `${name.padEnd(44)} ${value.toFixed(1).padStart(8)} ms  vs ${baseline.toFixed(1).padStart(7)} ms  = ${ratio.toFixed(2)}${unit}  (budget ${budget ?? '-'}${unit}) ${ok}`,
  );
};

const home = mkdtempSync(join(tmpdir(), 'claw-bench-'));
const env = { ...process.env, CLAW_CONFIG_HOME: join(home, 'config'), HOME: home, NO_COLOR: '1' };
mkdirSync(join(home, 'ws'), { recursive: true });
const cwd = join(home, 'ws');

// `pnpm bench` builds first; the build's last processes (turbo, tsc, esbuild) are still winding down and
// skewed the first figures by up to 40%. A short pause lets the machine settle.
await new Promise((resolve) => setTimeout(resolve, 3_000));
const node = await measure(process.execPath, ['-e', '0']);
console.log(`baseline node -e 0: ${node.ms.toFixed(1)} ms (median of ${runs})`);
row('claw --version', (await measure(process.execPath, [claw, '--version'], { env, cwd })).ms, node.ms, 1.5);
row('claw --help', (await measure(process.execPath, [claw, '--help'], { env, cwd })).ms, node.ms, 2.5);
row(
  'claw doctor (offline checks)',
  (await measure(process.execPath, [claw, 'doctor'], { env, cwd, allowFailure: true })).ms,
  node.ms,
  2.5,
);

const { startMockServer } = await import(join(root, 'packages/mock-anthropic/dist/index.js'));
const mock = await startMockServer();
const mockEnv = { ...env, ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'sk-ant-bench' };
const oneShot = await measure(process.execPath, [claw, '-p', 'hi'], { env: mockEnv, cwd });
row('claw -p "hi" vs mock (text reply)', oneShot.ms, node.ms, 3);
results.figures['claw -p peak RSS MiB'] = { value: Number(oneShot.peakMiB.toFixed(1)), budget: 120 };
console.log(
  `${'claw -p peak RSS'.padEnd(44)} ${oneShot.peakMiB.toFixed(1).padStart(8)} MiB (budget 120 MiB) ${oneShot.peakMiB <= 120 ? 'ok' : 'OVER'}`,
);
await mock.close();

// Subsystem benchmarks live next to their code; each prints one JSON line.
const subsystemBenches = [
  'packages/api-client/bench/overhead.mjs',
  'packages/tools/bench/grep-glob.mjs',
  'packages/runtime/bench/session-resume.mjs',
  'packages/runtime/bench/sandbox-cost.mjs',
  'packages/runtime/bench/tool-roundtrip.mjs',
  'packages/runtime/bench/long-session.mjs',
  'apps/cli/bench/render.mjs',
];
for (const relative of subsystemBenches) {
  const path = join(root, relative);
  if (!existsSync(path)) continue;
  const figures = await runScript(path);
  results.figures[relative] = figures;
  console.log(`${relative}: ${JSON.stringify(figures)}`);
}

rmSync(home, { recursive: true, force: true });
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench-results/latest.json');
