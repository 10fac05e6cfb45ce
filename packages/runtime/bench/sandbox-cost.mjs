// What bubblewrap adds to one Bash call: runs `true` through `bash -c` directly and inside the sandbox
// (the same wrapper the Bash tool uses) N times each, and prints one JSON line with medians in ms.
// Needs the built package (`pnpm --filter @claw/runtime build`). Usage: node bench/sandbox-cost.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBwrapWrapper, detectSandbox } from '../dist/sandbox/index.js';

const runs = Number(process.argv[2] ?? 30);
const workspace = mkdtempSync(join(tmpdir(), 'claw-bench-sandbox-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(file, args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(file, args, { cwd: workspace, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${file} exited with ${result.status}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const detectStart = process.hrtime.bigint();
const detection = detectSandbox();
const detectMs = Number(process.hrtime.bigint() - detectStart) / 1e6;
const direct = time('bash', ['-c', 'true']);
const result = { bench: 'sandbox-cost', runs, direct_ms: round(direct), detect_ms: round(detectMs) };
if (detection.available) {
  const wrap = createBwrapWrapper({
    bwrapPath: detection.bwrapPath,
    workspaceRoot: workspace,
    homeDir: homedir(),
    writableDirs: [tmpdir()],
  });
  const { file, args } = wrap('true', workspace);
  const sandboxed = time(file, args);
  Object.assign(result, {
    sandboxed_ms: round(sandboxed),
    overhead_ms: round(sandboxed - direct),
    ratio: round(sandboxed / direct),
  });
} else {
  Object.assign(result, { sandboxed_ms: null, skipped: detection.reason });
}
rmSync(workspace, { recursive: true, force: true });
console.log(JSON.stringify(result));

function round(value) {
  return Math.round(value * 100) / 100;
}
