// Render benchmark: a 1 MB Markdown reply streamed in 16-byte chunks through the built renderer, the way
// text_delta events arrive. Prints one JSON line: time to first rendered output and total render cost.
import { performance } from 'node:perf_hooks';
import { MarkdownStream } from '../dist/render/markdown-stream.js';
import { createStyle } from '../dist/render/style.js';

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

function run(color) {
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

run(true); // warm-up: JIT and regex compilation
const color = run(true);
const plain = run(false);
const round = (n) => Math.round(n * 1000) / 1000;
console.log(
  JSON.stringify({
    bench: 'render',
    inputBytes: reply.length,
    chunkBytes: CHUNK,
    chunks: Math.ceil(reply.length / CHUNK),
    firstRenderedLineMs: round(color.firstOutputMs),
    totalMs: round(color.totalMs),
    perChunkUs: round((color.totalMs * 1000) / Math.ceil(reply.length / CHUNK)),
    mbPerSecond: round(reply.length / 1024 / 1024 / (color.totalMs / 1000)),
    plainTotalMs: round(plain.totalMs),
  }),
);
