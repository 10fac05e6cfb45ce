import { type Dirent, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Symlinks followed by hand for one path before giving up (the kernel's own limit is 40). */
const MAX_SYMLINK_HOPS = 40;

/**
 * Resolves symlinks in the longest part of `absPath` that exists and appends the rest, so a path to a file
 * about to be created still resolves through a symlinked parent (`link/new.txt` where `link → /etc`). A
 * dangling symlink is followed by hand: writing through `link → ~/.config/autostart/x.desktop` creates
 * the file it points to, so that is where the path is.
 */
export function resolveRealPath(absPath: string): string {
  return resolveFollowing(absPath, 0);
}

function resolveFollowing(absPath: string, hops: number): string {
  let existing = resolve(absPath);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(existing), ...[...rest].reverse());
    } catch {
      // Not there (yet): a dangling symlink leads on; otherwise try the parent. A loop or permission error
      // is treated the same way; the parent's real path is the best knowledge available.
      const target = hops < MAX_SYMLINK_HOPS ? danglingLinkTarget(existing) : undefined;
      if (target !== undefined) return resolveFollowing(join(target, ...[...rest].reverse()), hops + 1);
      const parent = dirname(existing);
      if (parent === existing) return join(existing, ...[...rest].reverse());
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

/** Where a symlink that does not resolve points, or undefined when `path` is not a symlink. */
function danglingLinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : undefined;
  } catch {
    // Missing or unreadable: not a symlink that can be followed.
    return undefined;
  }
}

export interface DirectoryEntry {
  name: string;
  /** The entry itself, not what a symlink points to. */
  type: 'directory' | 'symlink' | 'other';
}

/**
 * The entries of a directory, for glob expansion and for finding symlinks a recursive read would follow.
 * A directory that cannot be listed (missing, not a directory, no permission) has no entries the shell
 * could expand or walk either, so it yields none.
 */
export function listDirectory(absPath: string): DirectoryEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(absPath, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.map((entry) => ({
    name: entry.name,
    type: entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : 'other',
  }));
}

/**
 * Devices and pseudo-files any command may read: they hold no one's data (`/dev/null`, `/dev/urandom`),
 * or are the command's own standard streams, or describe the machine (`/proc/cpuinfo`).
 */
const HARMLESS_READ_PATHS = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/full',
  '/dev/random',
  '/dev/urandom',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/tty',
  '/proc/cpuinfo',
  '/proc/meminfo',
  '/proc/loadavg',
  '/proc/uptime',
  '/proc/version',
]);

export function isHarmlessReadPath(absPath: string): boolean {
  return HARMLESS_READ_PATHS.has(absPath) || /^\/dev\/fd\/\d+$/.test(absPath);
}

/**
 * Process files that hold another process's secrets: `/proc/<pid>/environ` of claw carries the API key
 * its children never get, and `cmdline`/`mem` what it was started with and holds. `self` resolves to the
 * reading process, which for the Read tool is claw itself.
 */
const PROCESS_SECRET_PATH = /^\/proc\/[^/]+(\/task\/[^/]+)?\/(environ|cmdline|mem)$/;

/**
 * Why reading `absPath` needs the user's explicit say-so in every mode, or undefined. `credentialFiles`
 * are the absolute paths of credential stores (`$CLAW_CONFIG_HOME/credentials.json`, `~/.claw/…`).
 */
export function sensitiveReadReason(absPath: string, credentialFiles: readonly string[]): string | undefined {
  if (PROCESS_SECRET_PATH.test(absPath)) {
    return `${absPath} holds a process's environment or memory, where claw's credentials are`;
  }
  if (credentialFiles.includes(absPath)) return `${absPath} is a credential store`;
  return undefined;
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
  // git's user configuration besides ~/.gitconfig (`~/.config/git/config`, `attributes`, `ignore`).
  if (/\/\.config\/git\/[^/]+$/.test(absPath)) return `${absPath} is git's user configuration`;
  return undefined;
}

/** The names in `absPath` that make it protected, to check that an allow rule names them explicitly. */
export function protectedNamesIn(absPath: string): string[] {
  return absPath
    .split(sep)
    .filter((part) => PROTECTED_DIRECTORY_NAMES.includes(part) || PROTECTED_FILE_NAMES.includes(part));
}
