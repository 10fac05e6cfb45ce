import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { loadExeca } from '../lazy-execa.js';
import { comparePaths, type GrepLine, type GrepResult, type GrepSpec } from './search-spec.js';

/** rg's output beyond this is refused (the model should narrow the search); sorting needs it all. */
const MAX_RG_OUTPUT_BYTES = 256 * 1024 * 1024;
const TYPE_NAME = 'clawtype';

export class RgError extends Error {
  readonly kind = 'rg_failed';
}

/**
 * Runs ripgrep with flags that make its file selection match the built-in engine (ignore files honoured
 * outside git repos too, no global/exclude files, no user config) and sorts its output by path.
 */
export async function runRipgrep(
  rgPath: string,
  root: string,
  spec: GrepSpec,
  signal: AbortSignal,
): Promise<GrepResult> {
  const args = [
    '--no-config',
    '--no-require-git',
    '--no-ignore-global',
    '--no-ignore-exclude',
    '--no-messages',
  ];
  args.push('--color', 'never');
  if (spec.caseInsensitive) args.push('--ignore-case');
  if (spec.multiline) args.push('--multiline', '--multiline-dotall');
  for (const glob of spec.globs) args.push('--glob', glob);
  if (spec.typeGlobs) {
    for (const glob of spec.typeGlobs) args.push('--type-add', `${TYPE_NAME}:${glob}`);
    args.push('--type', TYPE_NAME);
  }
  if (spec.mode === 'files_with_matches') args.push('--files-with-matches', '--null');
  else if (spec.mode === 'count') args.push('--count', '--null', '--with-filename');
  else {
    args.push('--json');
    if (spec.before > 0) args.push('--before-context', String(spec.before));
    if (spec.after > 0) args.push('--after-context', String(spec.after));
  }
  // rg matches anchored globs (`src/**`) against paths relative to its cwd, so it runs inside the root.
  const rootIsFile = (await stat(root)).isFile();
  const cwd = rootIsFile ? dirname(root) : root;
  args.push('--regexp', spec.pattern, '--', rootIsFile ? basename(root) : '.');
  const execa = await loadExeca();
  const result = await execa(rgPath, args, {
    cwd,
    reject: false,
    stdin: 'ignore',
    cancelSignal: signal,
    maxBuffer: MAX_RG_OUTPUT_BYTES,
    stripFinalNewline: false,
    env: { RIPGREP_CONFIG_PATH: '' },
  });
  if (result.isCanceled) throw signal.reason ?? new Error('aborted');
  if (result.isMaxBuffer)
    throw new RgError('The search produced too much output; narrow it with path, glob or type.');
  // Exit 1 means no match; 2 means an error, but rg also returns 2 with results when some files failed.
  if (result.exitCode !== 0 && result.exitCode !== 1 && result.stdout === '') {
    throw new RgError(result.stderr.trim() || `rg exited with code ${result.exitCode}`);
  }
  return parseOutput(spec, result.stdout, (path) => resolve(cwd, path));
}

function parseOutput(spec: GrepSpec, stdout: string, absolute: (path: string) => string): GrepResult {
  switch (spec.mode) {
    case 'files_with_matches': {
      const files = stdout.split('\0').filter((path) => path.length > 0);
      return { mode: spec.mode, files: files.map(absolute).sort(comparePaths) };
    }
    case 'count': {
      const counts = stdout
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
          const separator = line.lastIndexOf('\0');
          return { path: absolute(line.slice(0, separator)), count: Number(line.slice(separator + 1)) };
        });
      return { mode: spec.mode, counts: counts.sort((a, b) => comparePaths(a.path, b.path)) };
    }
    case 'content':
      return { mode: spec.mode, files: parseJsonLines(stdout, absolute) };
  }
}

interface RgText {
  text?: string;
  bytes?: string;
}

interface RgEvent {
  type: string;
  data: { path?: RgText; lines?: RgText; line_number?: number };
}

function decode(value: RgText | undefined): string {
  if (!value) return '';
  if (value.text !== undefined) return value.text;
  return Buffer.from(value.bytes ?? '', 'base64').toString('utf8');
}

/** rg --json: one event per line; a multi-line match arrives as one event whose text holds every line. */
function parseJsonLines(
  stdout: string,
  absolute: (path: string) => string,
): Array<{ path: string; lines: GrepLine[] }> {
  const byPath = new Map<string, Map<number, GrepLine>>();
  for (const raw of stdout.split('\n')) {
    if (raw.length === 0) continue;
    const event = JSON.parse(raw) as RgEvent;
    if (event.type !== 'match' && event.type !== 'context') continue;
    const path = absolute(decode(event.data.path));
    let lines = byPath.get(path);
    if (!lines) {
      lines = new Map();
      byPath.set(path, lines);
    }
    const texts = decode(event.data.lines).replace(/\n$/, '').split('\n');
    const first = event.data.line_number ?? 0;
    texts.forEach((text, offset) => {
      const line = first + offset;
      const match = event.type === 'match' || lines.get(line)?.match === true;
      lines.set(line, { line, text: offset === 0 && line === 1 ? text.replace(/^\uFEFF/, '') : text, match });
    });
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([path, lines]) => ({ path, lines: [...lines.values()].sort((a, b) => a.line - b.line) }));
}
