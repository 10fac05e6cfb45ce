import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Workspace trust, as Claude Code's "Do you trust the files in this folder?": settings a repository ships
 * (`.claude/settings.json`, `.claw.json`, `.claw/settings*.json`) may only loosen what claw does once the
 * user has trusted the directory. Trust is recorded per directory in the user's config home, never in the
 * workspace (a repository must not be able to trust itself), and covers the directory's subdirectories.
 */

export const TRUST_FILE_NAME = 'trusted-workspaces.json';

/** `CLAW_TRUST_WORKSPACE=1` trusts the current workspace for one run (CI containers, throwaway checkouts). */
export const TRUST_ENV_VAR = 'CLAW_TRUST_WORKSPACE';

const TrustFileSchema = z.object({
  version: z.literal(1),
  workspaces: z.record(z.string(), z.object({ trustedAt: z.string() })),
});
type TrustFile = z.infer<typeof TrustFileSchema>;

export interface TrustedWorkspace {
  path: string;
  trustedAt: string;
}

export interface WorkspaceTrust {
  trusted: boolean;
  /** `env`: CLAW_TRUST_WORKSPACE=1; `recorded`: this directory or an ancestor was trusted; `none`: untrusted. */
  source: 'env' | 'recorded' | 'none';
  /** The recorded directory that grants trust (the workspace itself or an ancestor). */
  trustedPath?: string;
  /** The trust file exists but could not be read; it is treated as empty. */
  warning?: string;
}

export function trustFilePath(configHome: string): string {
  return join(configHome, TRUST_FILE_NAME);
}

/** The real path when the directory exists (so a symlinked checkout and its target agree), else the resolved one. */
export async function canonicalWorkspacePath(path: string): Promise<string> {
  const absolute = resolve(path);
  return realpath(absolute).catch(() => absolute);
}

async function readTrustFile(configHome: string): Promise<{ file: TrustFile; warning?: string }> {
  const path = trustFilePath(configHome);
  const empty: TrustFile = { version: 1, workspaces: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: empty };
    return {
      file: empty,
      warning: `${path}: unreadable, no workspace is trusted: ${(error as Error).message}`,
    };
  }
  try {
    const parsed = TrustFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { file: parsed.data };
    return {
      file: empty,
      warning: `${path}: not a trust file, no workspace is trusted (run \`claw trust\` again)`,
    };
  } catch (error) {
    return {
      file: empty,
      warning: `${path}: invalid JSON, no workspace is trusted: ${(error as Error).message}`,
    };
  }
}

export async function listTrustedWorkspaces(
  configHome: string,
): Promise<{ workspaces: TrustedWorkspace[]; warning?: string }> {
  const { file, warning } = await readTrustFile(configHome);
  const workspaces = Object.entries(file.workspaces)
    .map(([path, entry]) => ({ path, trustedAt: entry.trustedAt }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return warning ? { workspaces, warning } : { workspaces };
}

/** `dir` is `ancestor` or lies under it (`/a/bc` is not under `/a/b`). */
export function isSameOrInside(dir: string, ancestor: string): boolean {
  const rel = relative(ancestor, dir);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export async function resolveWorkspaceTrust(input: {
  workspaceRoot: string;
  configHome: string;
  env: NodeJS.ProcessEnv;
}): Promise<WorkspaceTrust> {
  const flag = input.env[TRUST_ENV_VAR]?.trim().toLowerCase();
  if (flag === '1' || flag === 'true') return { trusted: true, source: 'env' };
  const [{ file, warning }, workspace] = await Promise.all([
    readTrustFile(input.configHome),
    canonicalWorkspacePath(input.workspaceRoot),
  ]);
  // Only the real path counts: a symlink placed inside a trusted directory must not lend its trust to
  // the checkout it points at.
  for (const recorded of Object.keys(file.workspaces)) {
    if (!isAbsolute(recorded)) continue;
    if (isSameOrInside(workspace, recorded)) {
      return { trusted: true, source: 'recorded', trustedPath: recorded, ...(warning ? { warning } : {}) };
    }
  }
  return { trusted: false, source: 'none', ...(warning ? { warning } : {}) };
}

async function writeTrustFile(configHome: string, file: TrustFile): Promise<void> {
  // 0600: the list says which checkouts may run code; another local user must not be able to extend it.
  await writeFileAtomic(trustFilePath(configHome), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/** Records trust for `path` (canonicalised). Returns the recorded path and whether it was already trusted. */
export async function trustWorkspace(
  configHome: string,
  path: string,
  now: Date = new Date(),
): Promise<{ path: string; alreadyTrusted: boolean }> {
  const canonical = await canonicalWorkspacePath(path);
  const { file } = await readTrustFile(configHome);
  if (file.workspaces[canonical]) return { path: canonical, alreadyTrusted: true };
  file.workspaces[canonical] = { trustedAt: now.toISOString() };
  await writeTrustFile(configHome, file);
  return { path: canonical, alreadyTrusted: false };
}

/**
 * Removes the record for `path`. Returns whether one was removed and, when the path stays trusted through a
 * recorded ancestor, that ancestor (so the caller can say so rather than claim the trust is gone).
 */
export async function revokeWorkspaceTrust(
  configHome: string,
  path: string,
): Promise<{ path: string; removed: boolean; stillTrustedBy?: string }> {
  const canonical = await canonicalWorkspacePath(path);
  const { file } = await readTrustFile(configHome);
  const removed = Object.hasOwn(file.workspaces, canonical);
  if (removed) {
    delete file.workspaces[canonical];
    await writeTrustFile(configHome, file);
  }
  const ancestor = Object.keys(file.workspaces).find((recorded) => isSameOrInside(canonical, recorded));
  return ancestor ? { path: canonical, removed, stillTrustedBy: ancestor } : { path: canonical, removed };
}
