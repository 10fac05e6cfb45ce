import { basename, dirname, join } from 'node:path';
import picomatch from 'picomatch';
import { isWithin } from './paths.js';

/**
 * The directory a settings file's relative path rules are relative to. A project settings file
 * (`<root>/.claw/settings.json`, `<root>/.claude/settings.local.json`, `<root>/.claw.json`) → the project
 * root. User settings (`~/.claw/settings.json`, `$CLAW_CONFIG_HOME/…`), `cli` and `session` rules → the
 * workspace, which is Claude Code's "current directory" for them.
 */
export function ruleBaseDir(source: string, workspaceRoot: string, homeDir: string): string {
  if (!source.startsWith('/')) return workspaceRoot;
  const dir = dirname(source);
  if (basename(source) === '.claw.json' && dir !== homeDir) return dir;
  const name = basename(dir);
  if ((name === '.claw' || name === '.claude') && dirname(dir) !== homeDir) return dirname(dir);
  return workspaceRoot;
}

/** Whether a path matches; `under(dir)`: whether some path inside `dir` could (for recursive reads). */
export interface PathMatcher {
  (absPath: string): boolean;
  under(dir: string): boolean;
  /**
   * The same pattern as a ripgrep glob relative to `dir` (e.g. `/secrets/` + `**`), for searches that
   * skip covered files up front; undefined when it does not translate exactly (the matcher still decides).
   */
  globWithin(dir: string): string | undefined;
}

/** Escapes glob syntax in a literal directory so a workspace named `a[1]` still matches itself. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

/**
 * Compiles a `Read(...)`/`Edit(...)` specifier (gitignore-style, as Claude Code):
 * - `//abs/path` — absolute;
 * - `~/path` — under the home directory;
 * - `/path`, `./path`, `dir/path` — anchored at `baseDir` (the declaring settings file's project root);
 * - `name` with no `/` (`*.env`, `.env`) — that name at any depth under `baseDir`.
 * A pattern matching a directory matches everything inside it (`Read(./secrets)` covers `secrets/x`).
 */
export function compilePathPattern(pattern: string, baseDir: string, homeDir: string): PathMatcher {
  let spec = pattern.replace(/\/+$/, '');
  let root: string;
  if (spec.startsWith('//')) {
    root = '/';
    spec = spec.slice(2);
  } else if (spec === '~' || spec.startsWith('~/')) {
    root = homeDir;
    spec = spec.slice(2);
  } else if (spec.startsWith('/')) {
    root = baseDir;
    spec = spec.slice(1);
  } else if (spec.startsWith('./')) {
    root = baseDir;
    spec = spec.slice(2);
  } else {
    root = baseDir;
    if (!spec.includes('/')) spec = `**/${spec}`;
  }
  const full = spec === '' ? escapeGlob(root) : join(escapeGlob(root), spec);
  const isMatch = picomatch([full, `${full}/**`], { dot: true });
  const fixed = picomatch.scan(full).base || '/';
  const match = (absPath: string): boolean => isMatch(absPath);
  // Some path under `dir` may match when the pattern's fixed part and `dir` lie one inside the other.
  match.under = (dir: string): boolean => isWithin(dir, fixed) || isWithin(fixed, dir);
  match.globWithin = (dir: string): string | undefined => {
    const escapedDir = escapeGlob(dir);
    let glob: string | undefined;
    if (full === escapedDir) glob = '/**';
    else if (full.startsWith(`${escapedDir}/`)) glob = `/${full.slice(escapedDir.length + 1)}`;
    // A name at any depth below the rule's root is a name at any depth below every directory inside it.
    else if (spec.startsWith('**/') && isWithin(dir, root)) glob = spec;
    // Extglobs and escapes mean different things to picomatch and to ripgrep's globset.
    return glob !== undefined && !/[()!\\]/.test(glob) ? glob : undefined;
  };
  return match;
}
