import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
export const workspace = join(fixtures, 'workspace');
export const marketplace = join(fixtures, 'marketplace');
export const demoPlugin = join(marketplace, 'plugins', 'demo-plugin');

export const fakeContext = (signal: AbortSignal = new AbortController().signal) => ({
  workspaceRoot: workspace,
  allowedRoots: [workspace],
  signal,
  ask: async () => true,
  sessionId: 'test',
  scratchDir: '/tmp',
  env: process.env,
  state: { readTimestamps: new Map<string, number>(), extra: new Map<string, unknown>() },
});
