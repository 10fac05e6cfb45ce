import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `dir` (and parents) with mode 0700, or narrows an existing `dir` of ours to 0700: it holds the
 * credentials file, and an earlier `claw config set` or a plain `mkdir` may have created it 0755. The mode is
 * set explicitly because the umask could leave a new directory wider. A directory owned by someone else
 * (a shared config home) is left alone; the file itself is 0600 either way.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) {
    await chmod(dir, 0o700);
    return;
  }
  const info = await stat(dir);
  const ours = process.getuid === undefined || info.uid === process.getuid();
  if (ours && (info.mode & 0o077) !== 0) await chmod(dir, info.mode & 0o700);
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
