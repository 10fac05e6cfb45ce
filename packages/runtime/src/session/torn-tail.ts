import { open } from 'node:fs/promises';
import { checkSessionLine } from './session-events.js';

/** Bytes read per step while looking back for the last newline. */
const STEP = 64 * 1024;

/** Where the bytes after the file's last newline start, and those bytes. */
async function unterminatedTail(path: string): Promise<{ offset: number; bytes: Buffer }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const chunks: Buffer[] = [];
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - STEP);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      const newline = chunk.lastIndexOf(0x0a);
      if (newline !== -1) {
        chunks.unshift(chunk.subarray(newline + 1));
        return { offset: start + newline + 1, bytes: Buffer.concat(chunks) };
      }
      chunks.unshift(chunk);
      end = start;
    }
    return { offset: 0, bytes: Buffer.concat(chunks) };
  } finally {
    await handle.close();
  }
}

function isCompleteEvent(text: string): boolean {
  try {
    return checkSessionLine(JSON.parse(text)) === undefined;
  } catch {
    return false;
  }
}

/**
 * Makes a session file that does not end with a newline (a write cut short by a crash) safe to append to.
 * A last line that is a whole event only lacks its newline, which is added. Anything else is cut off, after
 * its bytes are appended to `<file>.torn`: left in place it would be a "skipped line" warning on every
 * later resume. Returns the warning to show once, or undefined when nothing was cut.
 */
export async function repairTornTail(path: string): Promise<string | undefined> {
  const { offset, bytes } = await unterminatedTail(path);
  if (bytes.length === 0) return undefined;
  const handle = await open(path, 'r+');
  try {
    if (isCompleteEvent(bytes.toString('utf8'))) {
      await handle.write('\n', offset + bytes.length);
      await handle.sync();
      return undefined;
    }
    const sidecar = `${path}.torn`;
    // The copy is on disk before the original bytes go.
    const copy = await open(sidecar, 'a', 0o600);
    try {
      await copy.write(Buffer.concat([bytes, Buffer.from('\n')]));
      await copy.sync();
    } finally {
      await copy.close();
    }
    await handle.truncate(offset);
    await handle.sync();
    return `${path}: cut off a torn last line (${bytes.length} bytes) left by an interrupted write; its bytes are kept in ${sidecar}`;
  } finally {
    await handle.close();
  }
}
