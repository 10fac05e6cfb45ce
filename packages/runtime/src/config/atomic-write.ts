import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `content` so a reader sees the old file or the new one, never half of each:
 * write a temp file in the same directory (same file system, so rename is atomic), fsync, rename.
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: { mode?: number } = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  let mode = options.mode;
  if (mode === undefined) {
    // Keep the permissions of the file being replaced (a user may have made it 0600).
    mode = await stat(path).then(
      (s) => s.mode & 0o777,
      () => 0o644,
    );
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
