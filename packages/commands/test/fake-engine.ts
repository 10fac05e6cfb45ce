import type { CommandEngine, CommandServices, EngineStatusView } from '../src/index.js';

/** A scripted engine: records calls so tests can assert what a command asked for. */
export function fakeEngine(): CommandEngine & { calls: string[] } {
  let model = 'claude-sonnet-5-5';
  let mode = 'workspace-write';
  let sessionId = 'sess-0001';
  const calls: string[] = [];
  const status = (): EngineStatusView => ({
    sessionId,
    workspaceRoot: '/ws',
    model,
    modelSource: 'default',
    provider: 'anthropic',
    permissionMode: mode,
    permissionRules: [
      { behavior: 'deny', rule: 'Read(./secrets/**)', source: '/ws/.claw/settings.json' },
      { behavior: 'allow', rule: 'Bash(npm test:*)', source: 'cli' },
    ],
    credentialSource: 'ANTHROPIC_API_KEY',
    memoryFiles: [{ path: '/ws/CLAW.md', bytes: 42 }],
    configFiles: [],
    mcpServers: [{ name: 'fs', status: 'connected', tools: 3 }],
    tools: ['Read', 'Write'],
  });
  return {
    calls,
    get sessionId() {
      return sessionId;
    },
    get model() {
      return model;
    },
    status,
    usage: () => ({
      usage: {
        input_tokens: 1200,
        output_tokens: 340,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 50,
      },
      costUsd: 0.0123,
      requests: 2,
      contextTokens: 20_000,
      contextWindow: 200_000,
    }),
    messages: () => [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
    ],
    todos: () => [{ content: 'write tests', status: 'in_progress' }],
    async compact(instructions, options) {
      calls.push(`compact:${instructions ?? ''}`);
      options.onEvent({ type: 'compaction' });
      return { summary: 'summary', replacedCount: 4 };
    },
    setModel(next) {
      if (next === 'nope') throw new Error('Unknown model "nope".');
      model = next === 'opus' ? 'claude-opus-5-5' : next;
    },
    setPermissionMode(next) {
      mode = next === 'plan' ? 'read-only' : next;
    },
    async clear() {
      sessionId = 'sess-0002';
    },
    async resume(ref) {
      calls.push(`resume:${ref}`);
      sessionId = ref === 'latest' ? 'sess-0001' : ref;
    },
  };
}

export const fakeServices: CommandServices = {
  version: () => '1.2.3',
  listSessions: async () => [
    { id: 'abc123', updatedAt: '2025-01-02T00:00:00Z', title: 'fix tests' },
    { id: 'abd999', updatedAt: '2025-01-01T00:00:00Z' },
  ],
  modelNames: () => ['opus', 'sonnet', 'haiku', 'claude-opus-5-5'],
  inventory: async (kind) => [{ name: `${kind}-one`, description: 'first', source: 'project' }],
  doctor: async () => [{ name: 'node', status: 'ok', detail: 'v20' }],
  gitDiff: async (args) => `diff ${args.join(' ')}`,
};
