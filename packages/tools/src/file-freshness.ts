import type { Stats } from 'node:fs';
import type { ToolContext } from './tool.js';

/**
 * Stale-write protection: an existing file may be overwritten or edited only after the model has read it,
 * and only if it has not changed on disk since (a formatter, the user, another tool). Returns the refusal.
 */
export function checkReadBeforeWrite(ctx: ToolContext, realPath: string, displayPath: string, stats: Stats) {
  const seen = ctx.state.readTimestamps.get(realPath);
  if (seen === undefined) {
    return `${displayPath} exists but has not been read in this session. Read it first, then retry.`;
  }
  if (Math.floor(stats.mtimeMs) > Math.floor(seen)) {
    return `${displayPath} has been modified since it was last read (by the user, a formatter or another tool). Read it again, then retry the change.`;
  }
  return undefined;
}

export function recordRead(ctx: ToolContext, realPath: string, stats: Stats): void {
  ctx.state.readTimestamps.set(realPath, stats.mtimeMs);
}
