#!/usr/bin/env node
// Times Grep (rg engine and built-in engine) and Glob against `rg` itself on a generated 50k-file tree and
// prints one JSON line of figures and ratios. Usage: node bench/grep-glob.mjs [--files N] [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGlobTool, createGrepTool, createToolSessionState } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const FILES = option('--files', 50_000);
const RUNS = option('--runs', 5);
const FILES_PER_DIR = 100;
const PATTERN = 'needle_[0-9]+';

function findRg() {
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

async function generateTree(root) {
  const words = [
    'alpha',
    'beta',
    'gamma',
    'delta',
    'const',
    'function',
    'return',
    'import',
    'export',
    'value',
  ];
  const exts = ['ts', 'js', 'md', 'json', 'py'];
  for (let dirIndex = 0; dirIndex * FILES_PER_DIR < FILES; dirIndex++) {
    const dir = join(root, `pkg${dirIndex % 50}`, `mod${dirIndex}`);
    await mkdir(dir, { recursive: true });
    const writes = [];
    for (let index = 0; index < FILES_PER_DIR && dirIndex * FILES_PER_DIR + index < FILES; index++) {
      const n = dirIndex * FILES_PER_DIR + index;
      const lines = [];
      for (let line = 0; line < 40; line++)
        lines.push(`${words[(n + line) % 10]} ${words[(n * 7 + line) % 10]} ${n}:${line}`);
      if (n % 97 === 0) lines.push(`// needle_${n} is here`);
      writes.push(writeFile(join(dir, `file${index}.${exts[n % exts.length]}`), `${lines.join('\n')}\n`));
    }
    await Promise.all(writes);
  }
  await writeFile(join(root, '.gitignore'), 'pkg49/\n');
}

async function median(fn) {
  await fn(); // warm the page cache and the JIT
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)].toFixed(1));
}

function context(root) {
  return {
    workspaceRoot: root,
    allowedRoots: [root],
    signal: new AbortController().signal,
    ask: async () => true,
    sessionId: 'bench',
    scratchDir: join(root, '..', `${root.split('/').pop()}-scratch`),
    env: process.env,
    state: createToolSessionState(),
  };
}

const rg = findRg();
const root = await realpath(await mkdtemp(join(tmpdir(), 'claw-bench-grep-')));
try {
  const generateStart = performance.now();
  await generateTree(root);
  const generateMs = Number((performance.now() - generateStart).toFixed(0));
  const ctx = context(root);
  const grepRg = createGrepTool({ rgPath: rg });
  const grepBuiltin = createGrepTool({ rgPath: null });
  const glob = createGlobTool();
  const input = { pattern: PATTERN, head_limit: 100_000 };
  const check = (result) => {
    if (result.isError) throw new Error(String(result.content));
    return result;
  };
  const figures = { files: FILES, runs: RUNS, generate_ms: generateMs };
  if (rg) {
    figures.rg_ms = await median(() => {
      const out = spawnSync(rg, ['-l', '--no-require-git', PATTERN, root], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (out.status !== 0) throw new Error(out.stderr);
    });
    figures.rg_files_ms = await median(() => {
      const out = spawnSync(rg, ['--files', '--no-require-git', '-g', '*.ts', root], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (out.status !== 0) throw new Error(out.stderr);
    });
    figures.grep_rg_ms = await median(async () => check(await grepRg.execute(input, ctx)));
  }
  figures.grep_builtin_ms = await median(async () => check(await grepBuiltin.execute(input, ctx)));
  figures.glob_ms = await median(async () =>
    check(await glob.execute({ pattern: '**/*.ts', limit: 100 }, ctx)),
  );
  const ratio = (a, b) => (a !== undefined && b ? Number((a / b).toFixed(2)) : null);
  figures.ratio_grep_rg_vs_rg = ratio(figures.grep_rg_ms, figures.rg_ms);
  figures.ratio_grep_builtin_vs_rg = ratio(figures.grep_builtin_ms, figures.rg_ms);
  figures.ratio_glob_vs_rg_files = ratio(figures.glob_ms, figures.rg_files_ms);
  console.log(JSON.stringify({ bench: 'tools/grep-glob', rg: Boolean(rg), ...figures }));
} finally {
  await rm(root, { recursive: true, force: true });
  await rm(`${root}-scratch`, { recursive: true, force: true });
}
