import { dirname } from 'node:path';
import { z } from 'zod';
import type { BuiltinToolDeps } from '../deps.js';
import { sortNewestFirst } from '../newest-first.js';
import { capToolOutput, DEFAULT_MAX_OUTPUT_CHARS } from '../output-cap.js';
import { displayPathFor, guardPath, realRoot } from '../path-guard.js';
import { grepResultWithoutBlocked, hiddenByRulesNote } from '../read-rules.js';
import type { Tool } from '../tool.js';
import { describeError, errorResult, textResult } from '../tool-result.js';
import { globsForType } from './file-types.js';
import { findExecutable } from './find-executable.js';
import { formatGrepResult } from './format.js';
import { compileRgPattern } from './js-regex.js';
import { runRipgrep } from './rg-engine.js';
import type { GrepResult, GrepSpec } from './search-spec.js';

export const DEFAULT_GREP_HEAD_LIMIT = 250;

const grepInput = z.strictObject({
  pattern: z.string().min(1).describe('Regular expression (ripgrep syntax) to search file contents for.'),
  path: z.string().optional().describe('File or directory to search (default: the workspace root).'),
  glob: z
    .string()
    .optional()
    .describe(
      'Only files matching this glob, e.g. "*.js" or "src/**/*.{ts,tsx}"; several separated by spaces; "!glob" excludes.',
    ),
  type: z.string().optional().describe('Only files of this type (rg --type), e.g. "js", "py", "rust", "ts".'),
  output_mode: z
    .enum(['content', 'files_with_matches', 'count'])
    .optional()
    .describe(
      '"files_with_matches" (default) lists files; "content" shows matching lines; "count" counts matching lines per file.',
    ),
  '-i': z.boolean().optional().describe('Case-insensitive search.'),
  '-n': z.boolean().optional().describe('Show line numbers (content mode; default true).'),
  '-A': z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('Lines of context after each match (content mode).'),
  '-B': z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('Lines of context before each match (content mode).'),
  '-C': z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('Lines of context before and after each match (content mode).'),
  multiline: z
    .boolean()
    .optional()
    .describe('Let patterns span lines; "." also matches newlines (rg -U --multiline-dotall).'),
  head_limit: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(`Show only the first N entries (files, lines or counts; default ${DEFAULT_GREP_HEAD_LIMIT}).`),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Skip the first N entries (for paging with head_limit).'),
});
export type GrepInput = z.infer<typeof grepInput>;

const DESCRIPTION = `A powerful content search built on ripgrep.
- ALWAYS use Grep for searching file contents; do not run grep or rg through Bash.
- Full regex syntax ("log.*Error", "function\\s+\\w+"). ripgrep syntax: literal braces need escaping ("interface\\{\\}").
- Filter files with glob ("*.js", "**/*.tsx") or type ("js", "py", "rust").
- output_mode: "files_with_matches" (default) lists matching files; "content" shows matching lines (supports -A/-B/-C context, -n line numbers); "count" shows matching-line counts.
- Patterns match within single lines; set multiline: true for patterns that span lines.
- Respects .gitignore; hidden files and binary files are skipped. files_with_matches lists the most recently modified files first; content and count are sorted by path. Page with head_limit and offset.`;

export function createGrepTool(deps: BuiltinToolDeps = {}): Tool<GrepInput> {
  return {
    name: 'Grep',
    aliases: ['grep_search'],
    description: DESCRIPTION,
    inputSchema: grepInput,
    inputAliases: { context: '-C', case_insensitive: '-i', line_numbers: '-n' },
    permission: 'read-only',
    concurrencySafe: true,
    ruleSubject: (input) => input.path,
    summarize: (input) => `Grep(${input.pattern}${input.path ? ` in ${input.path}` : ''})`,
    async execute(input, ctx) {
      const spec = toSpec(input);
      let matcher: RegExp;
      try {
        matcher = compileRgPattern(spec.pattern, spec.caseInsensitive, false).line;
        compileRgPattern(spec.pattern, spec.caseInsensitive, spec.multiline);
      } catch (error) {
        return errorResult(
          `Invalid regular expression ${JSON.stringify(input.pattern)}: ${describeError(error)}`,
        );
      }
      const guarded = await guardPath(ctx, 'Grep', input.path ?? ctx.workspaceRoot, 'read');
      if (!guarded.ok) return errorResult(guarded.message);
      if (!guarded.exists) return errorResult(`Path does not exist: ${input.path}`);
      // Read deny/ask rules that translate to globs keep covered files from being read at all; the
      // filter after the search is what guarantees none is shown.
      const searchDir = guarded.stats?.isDirectory() ? guarded.path : dirname(guarded.path);
      const excluded = ctx.readRules?.excludeGlobs(searchDir) ?? [];
      spec.globs.push(...excluded);
      let result: GrepResult;
      let hidden: number;
      try {
        const found = await runGrepEngine(guarded.path, spec, ctx.signal, deps);
        ({ result, hidden } = grepResultWithoutBlocked(found, ctx.readRules));
        if (result.mode === 'files_with_matches')
          result = { ...result, files: await sortNewestFirst(result.files) };
      } catch (error) {
        if (ctx.signal.aborted) return errorResult('Grep was cancelled.');
        return errorResult(`Grep failed: ${describeError(error)}`);
      }
      const workspace = await realRoot(ctx.workspaceRoot);
      const formatted = formatGrepResult(result, {
        display: (path) => displayPathFor(workspace, path),
        lineNumbers: input['-n'] ?? true,
        withContext: spec.before > 0 || spec.after > 0,
        firstMatchAt: (text) => firstMatchIndex(matcher, text),
        headLimit: input.head_limit ?? DEFAULT_GREP_HEAD_LIMIT,
        offset: input.offset ?? 0,
      });
      const note = hiddenByRulesNote(hidden, excluded.length > 0);
      const capped = await capToolOutput(formatted.text + note, {
        maxChars: deps.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS,
        scratchDir: ctx.scratchDir,
        label: 'grep',
      });
      if (result.mode === 'files_with_matches')
        return textResult(capped.text, { kind: 'files', paths: formatted.shownPaths });
      return textResult(capped.text, { kind: 'text', text: capped.text });
    },
  };
}

/** Runs `rg` when available (deps.rgPath, else PATH), the built-in engine otherwise. */
export async function runGrepEngine(
  root: string,
  spec: GrepSpec,
  signal: AbortSignal,
  deps: Pick<BuiltinToolDeps, 'rgPath' | 'grepWorkers'> = {},
): Promise<GrepResult> {
  const rgPath = deps.rgPath === undefined ? findExecutable('rg') : deps.rgPath;
  if (rgPath) return runRipgrep(rgPath, root, spec, signal);
  // Only machines without ripgrep need the built-in engine (and its worker threads).
  const { runBuiltinGrep } = await import('./builtin-engine.js');
  return runBuiltinGrep(
    root,
    spec,
    deps.grepWorkers === undefined ? { signal } : { signal, workers: deps.grepWorkers },
  );
}

function toSpec(input: GrepInput): GrepSpec {
  const mode = input.output_mode ?? 'files_with_matches';
  const context = input['-C'] ?? 0;
  const spec: GrepSpec = {
    pattern: input.pattern,
    caseInsensitive: input['-i'] ?? false,
    multiline: input.multiline ?? false,
    mode,
    before: mode === 'content' ? (input['-B'] ?? context) : 0,
    after: mode === 'content' ? (input['-A'] ?? context) : 0,
    globs: splitGlobs(input.glob),
  };
  if (input.type) spec.typeGlobs = globsForType(input.type);
  return spec;
}

/** Splits on whitespace and on commas outside braces (`*.ts,*.tsx` and `*.{ts,tsx}` both work). */
export function splitGlobs(glob: string | undefined): string[] {
  if (!glob) return [];
  const out: string[] = [];
  for (const word of glob.split(/\s+/)) {
    let depth = 0;
    let current = '';
    for (const char of word) {
      if (char === '{') depth++;
      if (char === '}') depth = Math.max(0, depth - 1);
      if (char === ',' && depth === 0) {
        if (current) out.push(current);
        current = '';
      } else {
        current += char;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

/** Where the pattern first matches a (long) line, so the cut shows the match; undefined when it does not. */
function firstMatchIndex(matcher: RegExp, text: string): number | undefined {
  const found = matcher.exec(text);
  return found ? found.index : undefined;
}
