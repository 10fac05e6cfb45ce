import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PrivateTempDir {
  /** This run's own scratch directory (0700), inside the per-user one. */
  path: string;
  /** Set when the usual directory could not be trusted and a fresh one is used for this run. */
  warning?: string;
}

/** Prefix of the per-run directories inside `$TMPDIR/claw-<uid>`. */
const RUN_DIR_PREFIX = 'run-';
/** A run directory untouched this long belongs to a claw that crashed or was killed. */
export const STALE_RUN_DIR_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * claw's scratch directory for one run: `$TMPDIR/claw-<uid>/run-XXXXXX`, mode 0700. It holds full command
 * output the model may read back and the Bash tool's state, so it is private to this user (another user
 * could have created the per-user name first, or planted a symlink there) and to this run: a session in
 * another project must not read what this one spilled (say `.env` contents), and a sandboxed command may
 * write only here, not into other sessions' state. Anything at the per-user name that does not check out is
 * left alone and a fresh `mkdtemp` directory serves this run instead. Run directories untouched for
 * `STALE_RUN_DIR_MS` are removed on the way; the engine removes its own when it closes.
 */
export function privateTempDir(base: string = tmpdir(), now: number = Date.now()): PrivateTempDir {
  const uid = process.getuid?.();
  const userDir = join(base, `claw-${uid ?? userInfo().username}`);
  try {
    mkdirSync(userDir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      return fresh(base, `${userDir}: ${String(error)}`);
  }
  const stats = lstatSync(userDir);
  if (!stats.isDirectory()) return fresh(base, `${userDir} is not a directory`);
  if (uid !== undefined && stats.uid !== uid) return fresh(base, `${userDir} belongs to another user`);
  if ((stats.mode & 0o077) !== 0) chmodSync(userDir, 0o700);
  pruneStaleRunDirs(userDir, now);
  // mkdtemp creates the directory with mode 0700.
  return { path: mkdtempSync(join(userDir, RUN_DIR_PREFIX)) };
}

/** Removes run directories (never anything else) whose last change is older than `STALE_RUN_DIR_MS`. */
function pruneStaleRunDirs(userDir: string, now: number): void {
  for (const name of readdirSync(userDir)) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const path = join(userDir, name);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats?.isDirectory() || now - stats.mtimeMs <= STALE_RUN_DIR_MS) continue;
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: a directory that cannot be removed now (busy, permissions) is tried again next start.
    }
  }
}

function fresh(base: string, why: string): PrivateTempDir {
  const path = mkdtempSync(join(base, 'claw-'));
  return { path, warning: `${why}; using ${path} for scratch files in this run` };
}
