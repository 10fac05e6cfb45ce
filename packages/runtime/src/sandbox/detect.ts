import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SandboxDetection {
  available: boolean;
  bwrapPath?: string;
  /** Why it is or is not available, for `claw doctor` and the warning. */
  reason: string;
}

export interface DetectSandboxOptions {
  platform?: NodeJS.Platform;
  /** PATH to search; defaults to `process.env.PATH`. */
  path?: string;
  /** Runs the probe; injected by tests. Returns the exit status and stderr. */
  probe?: (bwrapPath: string, args: string[]) => { status: number | null; stderr: string };
}

/**
 * Mirrors the namespaces `createBwrapWrapper` uses: a container may allow a user namespace but forbid
 * network or pid namespaces, and finding that out at the first Bash call would be too late.
 */
const PROBE_ARGS = [
  '--ro-bind',
  '/',
  '/',
  '--dev',
  '/dev',
  '--proc',
  '/proc',
  '--unshare-net',
  '--unshare-pid',
  '--die-with-parent',
  '--new-session',
  'true',
];

export function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return undefined;
}

function defaultProbe(bwrapPath: string, args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(bwrapPath, args, {
    encoding: 'utf8',
    timeout: 5000,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { status: result.status, stderr: result.error ? result.error.message : result.stderr };
}

/** Checks that bubblewrap exists and can actually build the sandbox here (takes a few milliseconds). */
export function detectSandbox(options: DetectSandboxOptions = {}): SandboxDetection {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') {
    return { available: false, reason: `bubblewrap sandboxing is Linux-only (this is ${platform})` };
  }
  const bwrapPath = findOnPath('bwrap', options.path);
  if (bwrapPath === undefined) {
    return { available: false, reason: 'bwrap is not on PATH (install the bubblewrap package)' };
  }
  const { status, stderr } = (options.probe ?? defaultProbe)(bwrapPath, PROBE_ARGS);
  if (status !== 0) {
    const detail = stderr.trim().split('\n')[0] ?? '';
    return {
      available: false,
      bwrapPath,
      reason: `bwrap cannot create a sandbox here${detail ? `: ${detail}` : ''} (user namespaces may be disabled, e.g. inside a container)`,
    };
  }
  return { available: true, bwrapPath, reason: `bwrap at ${bwrapPath} works` };
}
