import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export const everythingEntry = join(
  packageRoot,
  'node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
export const filesystemEntry = join(
  packageRoot,
  'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
);
export const fixture = (name: string): string => join(packageRoot, 'test/fixtures', name);

/** True while a process (or, with a negative pid, a process group) exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

export const fakeContext = (signal: AbortSignal = new AbortController().signal) => ({
  workspaceRoot: process.cwd(),
  allowedRoots: [process.cwd()],
  signal,
  ask: async () => true,
  sessionId: 'test',
  scratchDir: '/tmp',
  env: process.env,
  state: { readTimestamps: new Map<string, number>(), extra: new Map<string, unknown>() },
});
