// Render benchmark, two parts; prints exactly one JSON line at the end.
//
// 1. Render cost: a 1 MB Markdown reply streamed in 16-byte chunks (the way text_delta events arrive) through
//    the built renderer: the Markdown stream alone, and the REPL's TurnRenderer writing to a TTY-like sink
//    (live preview of the unfinished line included).
// 2. Time to first rendered token in the real REPL: the built `claw` in a pseudo-terminal (util-linux or BSD
//    `script`) against the mock server, no artificial delay. Measured from writing Enter to the terminal to
//    the first reply text coming out of it; the median of fresh processes (first prompt: lazy loading
//    included) and of later prompts in the same process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MarkdownStream } from '../dist/render/markdown-stream.js';
import { createStyle } from '../dist/render/style.js';
import { TurnRenderer } from '../dist/render/turn-renderer.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CLAW_BIN = join(root, 'apps/cli/bin/run.js');
const PROCESSES = Number(process.env.BENCH_TTFT_PROCESSES ?? 5);
const PROMPTS_PER_PROCESS = 3;

const block = `## Section

Some **bold** prose with \`inline code\`, *emphasis* and a [link](https://example.com) that runs long enough to wrap on a normal terminal.
- a bullet item
- [x] a done task

\`\`\`ts
const value: number = 42; // comment
function greet(name: string) { return \`hi \${name}\`; }
\`\`\`

`;
const target = 1024 * 1024;
const reply = block.repeat(Math.ceil(target / block.length)).slice(0, target);
const CHUNK = 16;
const chunks = Math.ceil(reply.length / CHUNK);

function renderMarkdown(color) {
  const stream = new MarkdownStream({ style: createStyle(color), width: 100 });
  const start = performance.now();
  let firstOutputMs;
  let bytes = 0;
  for (let i = 0; i < reply.length; i += CHUNK) {
    const out = stream.push(reply.slice(i, i + CHUNK));
    if (out && firstOutputMs === undefined) firstOutputMs = performance.now() - start;
    bytes += out.length;
  }
  bytes += stream.end().length;
  return { firstOutputMs, totalMs: performance.now() - start, outputBytes: bytes };
}

/** The REPL's path on a terminal: TurnRenderer with colour, live preview and its cursor moves. */
function renderTurn() {
  let bytes = 0;
  const sink = { columns: 100, isTTY: true, write: (text) => (bytes += text.length) };
  const renderer = new TurnRenderer(sink, createStyle(true));
  const start = performance.now();
  for (let i = 0; i < reply.length; i += CHUNK) {
    renderer.onEvent({ type: 'text_delta', text: reply.slice(i, i + CHUNK) });
  }
  renderer.end();
  return { totalMs: performance.now() - start, outputBytes: bytes };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (n) => (n === undefined ? null : Math.round(n * 1000) / 1000);

/** `script` runs a command in a new pseudo-terminal; util-linux and BSD spell it differently. */
function ptyCommand(command) {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  const utilLinux = `${probe.stdout}${probe.stderr}`.includes('util-linux');
  return utilLinux
    ? ['script', ['-qfec', command, '/dev/null']]
    : ['script', ['-q', '/dev/null', 'sh', '-c', command]];
}

/** A REPL in a pseudo-terminal: write keys, wait for output to contain something. */
function startRepl(pty, env, cwd) {
  const child = spawn(pty[0], pty[1], { cwd, env, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  let waiter;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
    if (waiter?.test(output)) {
      const { resolve } = waiter;
      waiter = undefined;
      resolve(performance.now());
    }
  });
  /** Resolves with the time at which `pattern` first matched the output after `from`. */
  const waitFor = (pattern, from, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const test = (text) => pattern.test(text.slice(from));
      if (test(output)) return resolve(performance.now());
      const timer = setTimeout(() => reject(new Error(`REPL output never matched ${pattern}`)), timeoutMs);
      waiter = {
        test,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  const closed = new Promise((resolve) => child.on('close', resolve));
  return { child, waitFor, closed, length: () => output.length };
}

async function timeToFirstToken() {
  const pty = ptyCommand(`exec node ${CLAW_BIN}`);
  if (!pty) return { skipped: '`script` (a pseudo-terminal) is not available' };
  const { startMockServer } = await import(join(root, 'packages/mock-anthropic/dist/index.js'));
  const mock = await startMockServer();
  const home = mkdtempSync(join(tmpdir(), 'claw-bench-ttft-'));
  const cwd = join(home, 'ws');
  mkdirSync(cwd);
  const env = {
    ...process.env,
    ANTHROPIC_BASE_URL: mock.url,
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    CLAW_CONFIG_HOME: join(home, 'config'),
    HOME: home,
    TERM: 'xterm-256color',
    COLUMNS: '100',
    LINES: '30',
  };
  const first = [];
  const warm = [];
  try {
    for (let run = 0; run < PROCESSES; run++) {
      const repl = startRepl(pty, env, cwd);
      try {
        await repl.waitFor(/> /, 0);
        for (let prompt = 0; prompt < PROMPTS_PER_PROCESS; prompt++) {
          const from = repl.length();
          const pressed = performance.now();
          repl.child.stdin.write('hi\r');
          // The mock's default reply; its first word arrives in the first text_delta.
          const shown = await repl.waitFor(/Hello/, from);
          (prompt === 0 ? first : warm).push(shown - pressed);
          await repl.waitFor(/ctx [^\n]*\n[^\n]*> /, from);
        }
        repl.child.stdin.write('\u0004'); // Ctrl-D at an empty prompt: exit
        await repl.closed;
      } finally {
        if (repl.child.exitCode === null) repl.child.kill();
      }
    }
  } finally {
    await mock.close();
    rmSync(home, { recursive: true, force: true });
  }
  return { firstPromptMs: median(first), warmMs: median(warm), processes: PROCESSES };
}

renderMarkdown(true); // warm-up: JIT and regex compilation
renderTurn();
const color = renderMarkdown(true);
const plain = renderMarkdown(false);
const turn = renderTurn();
// A failure here must not cost the render figures: it is reported in the JSON line instead.
const ttft = await timeToFirstToken().catch((error) => ({ skipped: `failed: ${error.message}` }));
console.log(
  JSON.stringify({
    bench: 'render',
    inputBytes: reply.length,
    chunkBytes: CHUNK,
    chunks,
    firstRenderedLineMs: round(color.firstOutputMs),
    totalMs: round(color.totalMs),
    perChunkUs: round((color.totalMs * 1000) / chunks),
    mbPerSecond: round(reply.length / 1024 / 1024 / (color.totalMs / 1000)),
    plainTotalMs: round(plain.totalMs),
    ttyRendererTotalMs: round(turn.totalMs),
    ttyRendererMbPerSecond: round(reply.length / 1024 / 1024 / (turn.totalMs / 1000)),
    ...(ttft.skipped
      ? { replTimeToFirstTokenSkipped: ttft.skipped }
      : {
          replTimeToFirstTokenMs: round(ttft.firstPromptMs),
          replTimeToFirstTokenWarmMs: round(ttft.warmMs),
          replProcesses: ttft.processes,
        }),
  }),
);
