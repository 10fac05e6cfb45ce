import { isAbsolute, join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { BuiltinToolDeps } from './deps.js';
import { walkFiles } from './file-walker.js';
import { listFilesWithRg } from './glob-rg.js';
import { findExecutable } from './grep/find-executable.js';
import { sortNewestFirst } from './newest-first.js';
import { displayPathFor, guardPath, realRoot } from './path-guard.js';
import { hiddenByRulesNote, withoutBlocked } from './read-rules.js';
import type { Tool } from './tool.js';
import { describeError, errorCode, errorResult, textResult } from './tool-result.js';

export const DEFAULT_GLOB_LIMIT = 100;
const ALWAYS_EXCLUDED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

const globInput = z.strictObject({
  pattern: z.string().min(1).describe('Glob pattern, e.g. "**/*.ts" or "src/**/*.{js,jsx}".'),
  path: z
    .string()
    .optional()
    .describe(
      'Directory to search in (default: the workspace root). Omit it rather than passing "undefined".',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe(`Most paths returned (default ${DEFAULT_GLOB_LIMIT}).`),
});
export type GlobInput = z.infer<typeof globInput>;

const DESCRIPTION = `Fast file pattern matching that works on any codebase size.
- Supports glob patterns like "**/*.js" or "src/**/*.ts"; "*.ts" matches only the top level of the search directory.
- Returns matching file paths sorted by modification time, newest first.
- Respects .gitignore; .git/ and node_modules/ are skipped; hidden files are skipped unless the pattern names them (".github/**").
- Use it to find files by name. To search file contents, use Grep.`;

export function createGlobTool(deps: Pick<BuiltinToolDeps, 'rgPath'> = {}): Tool<GlobInput> {
  return {
    name: 'Glob',
    aliases: ['glob_search'],
    description: DESCRIPTION,
    inputSchema: globInput,
    permission: 'read-only',
    concurrencySafe: true,
    ruleSubject: (input) => input.path,
    summarize: (input) => `Glob(${input.pattern}${input.path ? ` in ${input.path}` : ''})`,
    async execute(input, ctx) {
      const split = splitPattern(input.pattern, input.path ?? ctx.workspaceRoot);
      const guarded = await guardPath(ctx, 'Glob', split.directory, 'read');
      if (!guarded.ok) return errorResult(guarded.message);
      if (!guarded.exists) return errorResult(`Directory does not exist: ${split.directory}`);
      if (!guarded.stats?.isDirectory()) return errorResult(`${guarded.displayPath} is not a directory.`);
      const limit = input.limit ?? DEFAULT_GLOB_LIMIT;
      try {
        const rgPath = deps.rgPath === undefined ? findExecutable('rg') : deps.rgPath;
        const found = await globFiles(guarded.path, split.pattern, ctx.signal, rgPath ?? undefined);
        // The path argument passed the permission check; files below it may still be covered by Read rules.
        const { kept: matches, hidden } = withoutBlocked(found, ctx.readRules);
        const note = hiddenByRulesNote(hidden);
        const workspace = await realRoot(ctx.workspaceRoot);
        const shown = matches.slice(0, limit).map((path) => displayPathFor(workspace, path));
        if (shown.length === 0) return textResult(`No files found${note}`, { kind: 'files', paths: [] });
        const more =
          matches.length > limit
            ? `\n(Results are truncated: ${matches.length} files matched, showing the ${limit} most recently modified. Use a more specific pattern or path.)`
            : '';
        return textResult(shown.join('\n') + more + note, { kind: 'files', paths: shown });
      } catch (error) {
        if (ctx.signal.aborted) return errorResult('Glob was cancelled.');
        return errorResult(`Glob failed: ${errorCode(error) ?? describeError(error)}`);
      }
    },
  };
}

/**
 * Every file under `root` matching `pattern`, newest first (ties by path, so the order is deterministic).
 * With `rgPath`, `rg --files` lists the tree (several times faster on large trees); otherwise the built-in
 * walker does, with the same ignore, hidden-file and exclusion rules, so both give the same answer.
 */
export async function globFiles(
  root: string,
  pattern: string,
  signal?: AbortSignal,
  rgPath?: string,
): Promise<string[]> {
  const matcher = picomatch(pattern, { dot: true });
  const namesHidden = pattern
    .split('/')
    .some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..');
  const prefix = picomatch.scan(pattern).base;
  const found: string[] = [];
  const listed = rgPath
    ? await listFilesWithRg(rgPath, root, {
        includeHidden: namesHidden,
        excludeDirNames: ALWAYS_EXCLUDED_DIRS,
        ...(signal ? { signal } : {}),
      })
    : undefined;
  if (listed) {
    for (const rel of listed) if (matcher(rel)) found.push(join(root, rel));
  } else {
    await walkFiles({
      root,
      includeHidden: namesHidden,
      excludeDirNames: ALWAYS_EXCLUDED_DIRS,
      respectIgnoreFiles: true,
      ...(signal ? { signal } : {}),
      shouldEnterDir: (dir) => canHoldMatches(dir, prefix, pattern),
      onFile: (absolute, rel) => {
        if (matcher(rel)) found.push(absolute);
      },
    });
  }
  return sortNewestFirst(found);
}

/** A directory can hold matches if it is on the way to the pattern's literal prefix or below it. */
function canHoldMatches(dir: string, prefix: string, pattern: string): boolean {
  if (!pattern.includes('/') && !pattern.includes('**')) return false;
  if (prefix === '') return true;
  return prefix === dir || prefix.startsWith(`${dir}/`) || dir.startsWith(`${prefix}/`);
}

/** An absolute pattern (`/repo/src/**\/*.ts`) searches from its literal prefix. */
function splitPattern(pattern: string, directory: string): { pattern: string; directory: string } {
  if (!isAbsolute(pattern)) return { pattern, directory };
  const scan = picomatch.scan(pattern);
  const base = scan.base || '/';
  return { directory: base, pattern: scan.glob || '*' };
}
