import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Resolves symlinks in the longest part of `absPath` that exists and appends the rest, so a path to a file
 * about to be created still resolves through a symlinked parent (`link/new.txt` where `link → /etc`).
 */
export function resolveRealPath(absPath: string): string {
  let existing = resolve(absPath);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(existing), ...rest.reverse());
    } catch {
      // Not there (yet): try the parent. A loop or permission error is treated the same way; the parent's
      // real path is the best knowledge available.
      const parent = dirname(existing);
      if (parent === existing) return join(existing, ...rest.reverse());
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

/** Expands `~/` and resolves a tool's path argument against `cwd`, lexically (no symlinks). */
export function expandPath(path: string, cwd: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return join(homeDir, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

export function isWithin(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Directories whose contents configure code that runs later: git hooks and config (`core.fsmonitor`,
 * `core.hooksPath`), claw's and Claude Code's own settings, editor task runners, husky hooks, ssh keys.
 */
export const PROTECTED_DIRECTORY_NAMES: readonly string[] = [
  '.git',
  '.claw',
  '.claude',
  '.vscode',
  '.idea',
  '.husky',
  '.ssh',
];

/** Files that are executed or trusted by shells, git and agents. */
export const PROTECTED_FILE_NAMES: readonly string[] = [
  '.mcp.json',
  '.claw.json',
  '.claude.json',
  '.gitmodules',
  '.gitconfig',
  '.ripgreprc',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zprofile',
  '.zshenv',
  '.zlogin',
];

/** Why writing `absPath` needs the user's explicit say-so, or undefined when it is an ordinary path. */
export function protectedPathReason(absPath: string): string | undefined {
  const parts = absPath.split(sep);
  const dir = parts.slice(0, -1).find((part) => PROTECTED_DIRECTORY_NAMES.includes(part));
  if (dir !== undefined) return `${absPath} is inside ${dir}/, which configures code that runs later`;
  const name = parts[parts.length - 1] ?? '';
  if (PROTECTED_FILE_NAMES.includes(name) || PROTECTED_DIRECTORY_NAMES.includes(name)) {
    return `${name} is a protected file: shells, git or agents trust it`;
  }
  return undefined;
}

/** The names in `absPath` that make it protected, to check that an allow rule names them explicitly. */
export function protectedNamesIn(absPath: string): string[] {
  return absPath
    .split(sep)
    .filter((part) => PROTECTED_DIRECTORY_NAMES.includes(part) || PROTECTED_FILE_NAMES.includes(part));
}
