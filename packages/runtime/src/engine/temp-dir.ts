import { chmodSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PrivateTempDir {
  path: string;
  /** Set when the usual directory could not be trusted and a fresh one is used for this run. */
  warning?: string;
}

/**
 * claw's scratch directory: `$TMPDIR/claw-<uid>`, mode 0700, owned by this user. It holds full command
 * output the model may read back, so it must be private; and on a shared machine another user could have
 * created the name first (or planted a symlink there) to read that output or redirect writes. Anything
 * that does not check out is left alone and a fresh `mkdtemp` directory serves this run instead.
 */
export function privateTempDir(base: string = tmpdir()): PrivateTempDir {
  const uid = process.getuid?.();
  const path = join(base, `claw-${uid ?? userInfo().username}`);
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return fresh(base, `${path}: ${String(error)}`);
  }
  const stats = lstatSync(path);
  if (!stats.isDirectory()) return fresh(base, `${path} is not a directory`);
  if (uid !== undefined && stats.uid !== uid) return fresh(base, `${path} belongs to another user`);
  if ((stats.mode & 0o077) !== 0) chmodSync(path, 0o700);
  return { path };
}

function fresh(base: string, why: string): PrivateTempDir {
  const path = mkdtempSync(join(base, 'claw-'));
  return { path, warning: `${why}; using ${path} for scratch files in this run` };
}
