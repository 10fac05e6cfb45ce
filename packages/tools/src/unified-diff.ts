/** One line of an edit script: kept, removed from the old text, or added by the new one. */
interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

const CONTEXT_LINES = 3;
/** Beyond this many differing lines the diff shows the changed region as one remove+add block. */
const MAX_EDIT_DISTANCE = 4000;

/** A unified diff (`--- a/…`, `+++ b/…`, `@@` hunks with 3 lines of context) for the UI. */
export function unifiedDiff(oldText: string, newText: string, path: string): string {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const script = diffLines(oldLines, newLines);
  const hunks = buildHunks(script);
  if (hunks.length === 0) return '';
  const header = oldText === '' ? `--- /dev/null\n+++ b/${path}\n` : `--- a/${path}\n+++ b/${path}\n`;
  return header + hunks.join('');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): DiffLine[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  const keep = (text: string): DiffLine => ({ kind: ' ', text });
  return [...a.slice(0, prefix).map(keep), ...middle, ...a.slice(a.length - suffix).map(keep)];
}

/** Myers' O(ND) shortest edit script. */
function myers(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  if (n === 0 || m === 0 || max > MAX_EDIT_DISTANCE * 2) return replaceBlock(a, b);
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
    if (d > MAX_EDIT_DISTANCE) break;
  }
  return replaceBlock(a, b);
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, depth: number): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ kind: ' ', text: a[--x]! });
      y--;
    }
    if (down) out.push({ kind: '+', text: b[--y]! });
    else out.push({ kind: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    out.push({ kind: ' ', text: a[--x]! });
    y--;
  }
  return out.reverse();
}

function replaceBlock(a: string[], b: string[]): DiffLine[] {
  return [
    ...a.map((text): DiffLine => ({ kind: '-', text })),
    ...b.map((text): DiffLine => ({ kind: '+', text })),
  ];
}

function buildHunks(script: DiffLine[]): string[] {
  const changed = script.map((line, index) => (line.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return [];
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - CONTEXT_LINES);
    const end = Math.min(script.length, index + CONTEXT_LINES + 1);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else ranges.push([start, end]);
  }
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const line of script) {
    oldLineAt.push(oldLine);
    newLineAt.push(newLine);
    if (line.kind !== '+') oldLine++;
    if (line.kind !== '-') newLine++;
  }
  return ranges.map(([start, end]) => {
    const lines = script.slice(start, end);
    const oldCount = lines.filter((line) => line.kind !== '+').length;
    const newCount = lines.filter((line) => line.kind !== '-').length;
    const oldStart = oldCount === 0 ? oldLineAt[start]! - 1 : oldLineAt[start]!;
    const newStart = newCount === 0 ? newLineAt[start]! - 1 : newLineAt[start]!;
    const body = lines.map((line) => `${line.kind}${line.text}\n`).join('');
    return `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n${body}`;
  });
}
