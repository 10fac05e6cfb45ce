import { existsSync, lstatSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WrappedCommand {
  file: string;
  args: string[];
  /** Removes the placeholders bwrap created for missing protected files (see `PLACEHOLDER_IF_MISSING`). */
  afterExit?(): void;
}

/** The Bash tool's `deps.wrapCommand`. */
export type WrapCommand = (command: string, cwd: string) => WrappedCommand;

export interface BwrapOptions {
  bwrapPath?: string;
  workspaceRoot: string;
  /** Writable besides the workspace: the temp dir, `--add-dir` directories, caches the user opts into. */
  writableDirs?: readonly string[];
  allowNetwork?: boolean;
  homeDir: string;
  /** Workspace-relative paths re-mounted read-only over the writable workspace. */
  protectedPaths?: readonly string[];
  /** Extra absolute paths to hide (directories get an empty tmpfs, files /dev/null). */
  secretPaths?: readonly string[];
  /** The shell that runs the command. */
  shell?: string;
  /** Injected by tests; which paths exist and whether they are directories. */
  exists?: (path: string) => boolean;
  /** Injected by tests; creates a missing protected directory before each command (default: mkdir). */
  makeDir?: (path: string) => void;
  isDirectory?: (path: string) => boolean;
}

/**
 * Paths in the workspace whose contents run code later or hold agent settings. Kept read-only inside the
 * sandbox so a sandboxed command cannot plant a git hook or grant itself permissions.
 */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = [
  '.git/hooks',
  '.git/config',
  // Submodules' repositories (their config and hooks) and `info/attributes` (diff/filter drivers).
  '.git/modules',
  '.git/info',
  '.claw',
  '.claude',
  '.claw.json',
  '.claude.json',
  '.mcp.json',
  '.gitmodules',
  '.husky',
  '.vscode',
  '.idea',
];

/**
 * Protected directories that are created (empty) when missing, because only an existing path can be
 * re-bound read-only: otherwise a sandboxed `mkdir .claude && echo '{"permissions":{"allow":["Bash"]}}' >
 * .claude/settings.json` grants the next session what this one was refused. Only where the parent is a
 * directory (`.git/hooks` in a repository; an empty `.git/` would confuse git).
 */
const CREATE_IF_MISSING: readonly string[] = ['.claw', '.claude', '.git/hooks', '.git/info', '.git/modules'];

/**
 * Protected files that get a read-only empty placeholder (`/dev/null`) when missing, so a sandboxed
 * `printf '{"hooks":…}' > .claw.json` cannot plant settings the next session loads outside the sandbox.
 * bwrap creates the mount point, an empty file, in the workspace; the wrapper removes it (if still empty)
 * when the command exits. An empty settings or MCP file reads as `{}` meanwhile.
 */
const PLACEHOLDER_IF_MISSING: readonly string[] = ['.claw.json', '.claude.json', '.mcp.json', '.gitmodules'];

/**
 * Placeholders of commands still running, with how many use each. Sandboxed commands run concurrently: a
 * placeholder one command's bwrap created must not be taken for the user's file by the next (and bound as
 * its own source), nor removed while another command's bwrap still needs it as a mount point.
 */
const livePlaceholders = new Map<string, number>();

/** Credential directories (masked with an empty tmpfs) and files (masked with /dev/null) under home. */
const SECRET_DIRS = ['.ssh', '.aws', '.gnupg', '.config/gcloud', '.config/gh', '.kube', '.docker', '.azure'];
const SECRET_FILES = [
  '.netrc',
  '.claw/credentials.json',
  '.claude/.credentials.json',
  '.git-credentials',
  '.npmrc',
  '.pypirc',
];

/**
 * Builds the bubblewrap argument list. Order matters: later mounts cover earlier ones, so the read-only
 * root comes first, then the writable binds, then the read-only re-binds and masks on top of them.
 * Only existing paths are re-bound or masked: bwrap would otherwise create mount points, and inside a
 * writable bind that means creating files in the user's workspace.
 */
export function bwrapArgs(options: BwrapOptions, cwd: string): string[] {
  const exists = options.exists ?? existsSync;
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of options.writableDirs ?? []) {
    if (exists(dir)) args.push('--bind', dir, dir);
  }
  args.push('--bind', options.workspaceRoot, options.workspaceRoot);
  for (const rel of options.protectedPaths ?? DEFAULT_PROTECTED_PATHS) {
    const path = join(options.workspaceRoot, rel);
    if (exists(path) && !livePlaceholders.has(path)) args.push('--ro-bind', path, path);
  }
  for (const path of missingPlaceholders(options)) args.push('--ro-bind', '/dev/null', path);
  for (const rel of SECRET_DIRS) {
    const path = join(options.homeDir, rel);
    if (exists(path)) args.push('--tmpfs', path);
  }
  const files = [...SECRET_FILES.map((rel) => join(options.homeDir, rel)), ...(options.secretPaths ?? [])];
  for (const path of files) {
    if (exists(path)) args.push('--ro-bind', '/dev/null', path);
  }
  if (!options.allowNetwork) args.push('--unshare-net');
  // New pid namespace and session: the command cannot signal claw or inject keystrokes into its terminal
  // (TIOCSTI); --die-with-parent ends it when claw dies.
  args.push('--unshare-pid', '--unshare-ipc', '--die-with-parent', '--new-session', '--chdir', cwd);
  return args;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Creates the missing protected directories `bwrapArgs` can then re-bind read-only. Throws if it cannot. */
export function ensureProtectedDirs(options: BwrapOptions): void {
  const exists = options.exists ?? existsSync;
  const isDir = options.isDirectory ?? isDirectory;
  const makeDir = options.makeDir ?? ((path: string) => mkdirSync(path));
  const protectedPaths = options.protectedPaths ?? DEFAULT_PROTECTED_PATHS;
  for (const rel of CREATE_IF_MISSING.filter((path) => protectedPaths.includes(path))) {
    const path = join(options.workspaceRoot, rel);
    if (!exists(path) && isDir(dirname(path))) makeDir(path);
  }
}

/** Protected files (of `PLACEHOLDER_IF_MISSING`) that do not exist, in a directory that does. */
export function missingPlaceholders(options: BwrapOptions): string[] {
  const exists = options.exists ?? existsSync;
  const isDir = options.isDirectory ?? isDirectory;
  const protectedPaths = options.protectedPaths ?? DEFAULT_PROTECTED_PATHS;
  return PLACEHOLDER_IF_MISSING.filter((rel) => protectedPaths.includes(rel))
    .map((rel) => join(options.workspaceRoot, rel))
    .filter((path) => livePlaceholders.has(path) || (!exists(path) && isDir(dirname(path))));
}

function holdPlaceholders(paths: readonly string[]): void {
  for (const path of paths) livePlaceholders.set(path, (livePlaceholders.get(path) ?? 0) + 1);
}

/**
 * Releases a command's placeholders and removes the empty files bwrap created once no running command
 * needs them; one the user has since filled stays.
 */
function releasePlaceholders(paths: readonly string[]): void {
  for (const path of paths) {
    const users = (livePlaceholders.get(path) ?? 1) - 1;
    if (users > 0) {
      livePlaceholders.set(path, users);
      continue;
    }
    livePlaceholders.delete(path);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats?.isFile() && stats.size === 0) unlinkSync(path);
  }
}

/** A `wrapCommand` for the Bash tool that runs `shell -c command` inside bubblewrap. */
export function createBwrapWrapper(options: BwrapOptions): WrapCommand {
  const bwrap = options.bwrapPath ?? 'bwrap';
  const shell = options.shell ?? '/bin/bash';
  return (command, cwd) => {
    // An error here stops the command: running it with a protected directory left writable is worse.
    ensureProtectedDirs(options);
    const placeholders = missingPlaceholders(options);
    const args = [...bwrapArgs(options, cwd), '--', shell, '-c', command];
    holdPlaceholders(placeholders);
    let released = false;
    return {
      file: bwrap,
      args,
      ...(placeholders.length > 0
        ? {
            afterExit: () => {
              if (released) return;
              released = true;
              releasePlaceholders(placeholders);
            },
          }
        : {}),
    };
  };
}
