import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './tool-result.js';

/**
 * Replaces a file's content atomically: a temp file in the same directory, fsync'd, then renamed over the
 * target, so a crash leaves the old or the new file and never half of one. The temp file is opened with
 * O_EXCL|O_NOFOLLOW so a symlink planted at its name cannot redirect the write. Mode (and, when we may,
 * ownership) of the file being replaced is kept.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  previous?: Stats,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.claw-${randomBytes(6).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const mode = previous ? previous.mode & 0o7777 : 0o666;
  const handle = await open(temp, flags, mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp);
    throw error;
  }
  await handle.close();
  try {
    if (previous) await keepOwnershipAndMode(temp, previous);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch((cleanupError: unknown) => {
      if (errorCode(cleanupError) !== 'ENOENT') throw cleanupError;
    });
    throw error;
  }
}

async function keepOwnershipAndMode(temp: string, previous: Stats): Promise<void> {
  // open()'s mode is filtered by the umask; chmod sets it exactly.
  await chmod(temp, previous.mode & 0o7777);
  const current = await lstat(temp);
  if (current.uid === previous.uid && current.gid === previous.gid) return;
  try {
    await chown(temp, previous.uid, previous.gid);
  } catch (error) {
    // Only root may give a file away; keeping our ownership is the documented fallback.
    if (errorCode(error) !== 'EPERM') throw error;
  }
}

/**
 * Creates the missing directories above `path` one level at a time, checking each is a real directory (not a
 * symlink swapped in meanwhile). The caller has already checked `path` lies inside an allowed root.
 */
export async function createParentDirectories(path: string): Promise<void> {
  const missing: string[] = [];
  let dir = dirname(path);
  for (;;) {
    try {
      const stats = await lstat(dir);
      if (!stats.isDirectory())
        throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      missing.unshift(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const directory of missing) {
    await mkdir(directory);
    const stats = await lstat(directory);
    if (!stats.isDirectory()) throw new Error(`${directory} was replaced while being created`);
  }
}
