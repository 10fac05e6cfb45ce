import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `dir` (and parents) with mode 0700. The mode is set explicitly on a directory we create because
 * the umask could leave it wider; an existing directory is left as the user made it.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700);
}

/**
 * Replaces `path` atomically: write a temp file in the same directory, fsync it, chmod it, rename it over
 * the target, fsync the directory. Readers see the old file or the new one, never a torn one, and a crash
 * leaves at worst a stray temp file. The temp file is created with `mode` already (O_EXCL, so never an
 * existing file), and chmod'ed explicitly because the umask applies to open().
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}

/** Makes the rename durable. Not every platform can open a directory (Windows), so failure is tolerated. */
async function fsyncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Durability of the directory entry is best effort; the data itself was fsync'ed above.
  } finally {
    await handle?.close();
  }
}
