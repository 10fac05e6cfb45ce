import { readFileSync } from 'node:fs';

/**
 * When a process started, from Linux's /proc, to tell a lock's owner from an unrelated process that reused
 * its pid. Undefined where /proc is missing (macOS, Windows) or the process is gone: callers then fall back to
 * "the pid is alive", which may keep a dead session locked but never lets two writers in.
 */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count the fields after its last ')'.
    // The first of them is field 3, so field 22 (starttime, clock ticks after boot) is at index 19.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ: 100 on every mainstream architecture (sysconf is not reachable from Node). */
const CLOCK_TICKS_PER_SECOND = 100;

let bootTimeMs: number | undefined;

function bootTime(): number | undefined {
  if (bootTimeMs !== undefined) return bootTimeMs;
  try {
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (btime !== undefined) bootTimeMs = Number(btime) * 1000;
  } catch {
    return undefined;
  }
  return bootTimeMs;
}

/** Wall-clock start of a process (ms since the epoch), or undefined when /proc cannot tell. */
export function processStartMs(pid: number): number | undefined {
  const ticks = processStartTicks(pid);
  const boot = bootTime();
  if (ticks === undefined || boot === undefined) return undefined;
  return boot + (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
