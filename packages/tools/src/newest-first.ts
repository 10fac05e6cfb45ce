import { stat } from 'node:fs/promises';
import { errorCode } from './tool-result.js';

/**
 * Paths by modification time, newest first, ties by path so the order is deterministic (Claude Code's order
 * for Glob and Grep's file lists: what was touched last is most likely what the model is after). Files that
 * vanished meanwhile are dropped.
 */
export async function sortNewestFirst(paths: readonly string[]): Promise<string[]> {
  const withTimes = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, mtime: (await stat(path)).mtimeMs };
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return { path, mtime: -1 };
        throw error;
      }
    }),
  );
  withTimes.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return withTimes.filter((entry) => entry.mtime >= 0).map((entry) => entry.path);
}
