import type { Stats } from 'node:fs';
import { lstat, readlink, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PermissionLevel, ToolContext } from './tool.js';
import { errorCode } from './tool-result.js';

export type PathAccess = 'read' | 'write';

export interface GuardedPath {
  /** The real absolute path, symlinks resolved (for a new file: its real parent + the name). */
  path: string;
  /** The absolute path as the model named it, before symlink resolution. */
  requested: string;
  /** Path shown to the model and the user: relative to the workspace when inside it. */
  displayPath: string;
  exists: boolean;
  /** lstat of the real path when it exists. */
  stats?: Stats;
}

export type GuardOutcome = ({ ok: true } & GuardedPath) | { ok: false; message: string };

/** Directory names whose contents steer git, claw or Claude Code: writing there can run code later. */
const PROTECTED_DIR_NAMES = new Set(['.git', '.claw', '.claude', '.ssh']);
/** Files read by git, MCP and shells on start-up. */
const PROTECTED_FILE_NAMES = new Set([
  '.mcp.json',
  '.gitmodules',
  '.gitconfig',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.zlogout',
]);
const MAX_PATH_CHARS = 4096;
const MAX_SYMLINK_HOPS = 40;

/**
 * Resolves a path the model gave and decides whether a file tool may touch it: inside the allowed roots
 * (compared on real paths, component by component) it may; outside them, or on a protected path, or on a
 * hard-linked file for writing, the user is asked through `ctx.ask`. Never throws.
 */
export async function guardPath(
  ctx: ToolContext,
  toolName: string,
  rawPath: string,
  access: PathAccess,
): Promise<GuardOutcome> {
  if (rawPath.length === 0) return { ok: false, message: 'The path is empty.' };
  if (rawPath.length > MAX_PATH_CHARS)
    return { ok: false, message: `The path is longer than ${MAX_PATH_CHARS} characters.` };
  if (rawPath.includes('\0')) return { ok: false, message: 'The path contains a NUL byte.' };
  const requested = toAbsolutePath(ctx.workspaceRoot, rawPath);
  let resolved: { realPath: string; exists: boolean };
  try {
    resolved = await resolveRealPath(requested);
  } catch (error) {
    return { ok: false, message: `Cannot resolve ${rawPath}: ${errorCode(error) ?? String(error)}.` };
  }
  const stats = resolved.exists ? await lstat(resolved.realPath) : undefined;
  const roots = await realRoots(ctx);
  if (access === 'read') roots.push(...(await Promise.all((ctx.readOnlyRoots ?? []).map(realRoot))));
  const inside = roots.some((root) => isWithinRoot(root, resolved.realPath));
  const displayPath = displayPathFor(await realRoot(ctx.workspaceRoot), resolved.realPath);
  const reasons: string[] = [];
  let level: PermissionLevel = 'workspace-write';
  if (!inside) {
    level = 'danger-full-access';
    const via = resolved.realPath === requested ? '' : ` (${requested} resolves to it through a symlink)`;
    reasons.push(`${resolved.realPath} is outside the allowed directories${via}`);
  }
  if (access === 'write') {
    const protectedReason = protectedPathReason(requested) ?? protectedPathReason(resolved.realPath);
    if (protectedReason) reasons.push(protectedReason);
    if (stats?.isFile() && stats.nlink > 1) {
      level = 'danger-full-access';
      reasons.push(
        `${resolved.realPath} has ${stats.nlink} hard links; another link may be outside the workspace`,
      );
    }
  }
  if (reasons.length > 0) {
    const verb = access === 'write' ? 'write to' : 'read';
    const granted = await ctx.ask({
      toolName,
      level,
      reason: `${toolName} wants to ${verb} ${resolved.realPath}: ${reasons.join('; ')}.`,
      path: resolved.realPath,
    });
    if (!granted) {
      return { ok: false, message: `Permission denied: ${reasons.join('; ')}. The user did not allow it.` };
    }
  }
  const guarded: GuardedPath = { path: resolved.realPath, requested, displayPath, exists: resolved.exists };
  if (stats) guarded.stats = stats;
  return { ok: true, ...guarded };
}

/**
 * Re-checks a guarded path right before writing: a symlink created since the check (by Bash, by another
 * process) must not redirect the write. Returns a message when the path no longer resolves where it did.
 */
export async function recheckBeforeWrite(guarded: GuardedPath): Promise<string | undefined> {
  try {
    const now = await resolveRealPath(guarded.requested);
    if (now.realPath !== guarded.path) {
      return `${guarded.requested} now resolves to ${now.realPath} (a symlink changed since it was checked); not writing.`;
    }
    const parent = await resolveRealPath(dirname(guarded.path));
    if (parent.exists && parent.realPath !== dirname(guarded.path)) {
      return `The directory of ${guarded.path} is now a symlink to ${parent.realPath}; not writing.`;
    }
    return undefined;
  } catch (error) {
    return `Cannot re-check ${guarded.requested}: ${errorCode(error) ?? String(error)}.`;
  }
}

export function toAbsolutePath(workspaceRoot: string, rawPath: string): string {
  if (rawPath === '~') return homedir();
  if (rawPath.startsWith('~/')) return join(homedir(), rawPath.slice(2));
  return resolve(workspaceRoot, rawPath);
}

/**
 * Real path of a file that may not exist yet: the longest existing ancestor's realpath plus the rest.
 * Dangling symlinks are followed by hand, so a write through one is judged by where it would land.
 */
export async function resolveRealPath(
  absolute: string,
  hops = 0,
): Promise<{ realPath: string; exists: boolean }> {
  try {
    return { realPath: await realpath(absolute), exists: true };
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  let stats: Stats;
  try {
    stats = await lstat(absolute);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    const parent = dirname(absolute);
    if (parent === absolute) return { realPath: absolute, exists: false };
    const resolvedParent = await resolveRealPath(parent, hops);
    return { realPath: join(resolvedParent.realPath, basename(absolute)), exists: false };
  }
  if (!stats.isSymbolicLink() || hops >= MAX_SYMLINK_HOPS) {
    throw Object.assign(new Error(`cannot resolve ${absolute}`), { code: 'ELOOP' });
  }
  const target = await readlink(absolute);
  const next = await resolveRealPath(resolve(dirname(absolute), target), hops + 1);
  return { realPath: next.realPath, exists: false };
}

/** Containment by path components: `/a/bc` is not inside `/a/b`. */
export function isWithinRoot(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  if (rel === '') return true;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/** Why writing this path needs the user's approval, if it does (case-insensitive: macOS/Windows fold case). */
export function protectedPathReason(absolute: string): string | undefined {
  const names = absolute.split(/[\\/]+/).filter((part) => part.length > 0);
  for (const [index, name] of names.entries()) {
    const folded = foldName(name);
    const isLast = index === names.length - 1;
    if (PROTECTED_DIR_NAMES.has(folded)) return `${absolute} is inside a protected directory (${name}/)`;
    if (isLast && PROTECTED_FILE_NAMES.has(folded)) return `${absolute} is a protected file (${name})`;
  }
  return undefined;
}

/** Lower case, NFC, trailing dots and spaces dropped (Windows ignores them: `.git.` is `.git`). */
function foldName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[. ]+$/, '');
}

/** The allowed roots as real paths; the workspace is always one of them. */
export async function realRoots(ctx: ToolContext): Promise<string[]> {
  return Promise.all([ctx.workspaceRoot, ...ctx.allowedRoots].map(realRoot));
}

export async function realRoot(root: string): Promise<string> {
  try {
    return await realpath(root);
  } catch (error) {
    // A root that vanished still bounds paths lexically; it cannot widen access.
    if (errorCode(error) === 'ENOENT') return resolve(root);
    throw error;
  }
}

/** Relative to the (real) workspace root when inside it, else absolute: what the model and the UI see. */
export function displayPathFor(workspace: string, realPath: string): string {
  if (isWithinRoot(workspace, realPath)) return relative(workspace, realPath) || '.';
  return realPath;
}
