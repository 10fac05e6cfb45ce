import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { fixtureServers, readFixtureCalls } from './support/adversarial-batches.js';
import {
  type ContentBlock,
  messageRequests,
  parseResult,
  toolResultsById,
  toolResultText,
  writeProjectSettings,
} from './support/claw-e2e.js';

const APPROVE = 'mcp__perm__approve';

let mock: MockServer;
let sandbox: Sandbox;
let log: string;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
  log = join(dirname(sandbox.workspace), 'approve-calls.jsonl');
});
afterEach(() => sandbox.cleanup());

/** The fixture's `approve` decides by markers in the input: ALLOW-ME, ALLOW-PLAIN, REWRITE-ME, NOT-JSON… */
function settings(extra: Record<string, unknown> = {}): void {
  writeProjectSettings(sandbox, { mcpServers: fixtureServers({ perm: ['approve'] }, log), ...extra });
}

const bash = (id: string, command: string) => ({ id, name: 'Bash', input: { command } });

async function runWith(toolUses: Array<{ id: string; name: string; input: object }>, flags: string[] = []) {
  const script = encodeScript([{ toolUses }, { text: 'done' }]);
  const run = await runClaw(
    ['-p', `go ${script}`, '--output-format', 'json', '--permission-prompt-tool', APPROVE, ...flags],
    { sandbox, baseUrl: mock.url, timeoutMs: 60_000 },
  );
  expect(run.code, run.stderr).toBe(0);
  const last = messageRequests(mock).at(-1);
  const results: Map<string, ContentBlock> = last ? toolResultsById(last) : new Map();
  const text = (id: string): string => {
    const block = results.get(id);
    return block ? toolResultText(block) : '';
  };
  return { result: parseResult(run), results, text };
}

const exists = (name: string): boolean => existsSync(join(sandbox.workspace, name));
const approveCalls = () => readFixtureCalls(log).filter((call) => call.tool === 'approve');

describe('--permission-prompt-tool decides what print mode would deny', () => {
  it('asks the MCP tool only for calls that need approval, and follows its allow and deny', async () => {
    settings({ permissions: { deny: ['Bash(rm:*)'] } });
    const { result, results, text } = await runWith([
      bash('toolu_allowed', 'touch ALLOW-ME.txt'),
      bash('toolu_refused', 'touch refused.txt'),
      bash('toolu_readonly', 'ls'),
      bash('toolu_rule_denied', 'rm -f ALLOW-ME.txt'),
      // A protected path asks before the tool runs and again inside it: one answer covers both.
      { id: 'toolu_hook', name: 'Write', input: { file_path: '.git/config', content: 'ALLOW-ME\n' } },
      {
        id: 'toolu_settings',
        name: 'Write',
        input: { file_path: '.claw/settings.local.json', content: '{}' },
      },
    ]);

    expect(exists('ALLOW-ME.txt'), text('toolu_allowed')).toBe(true);
    expect(results.get('toolu_allowed')?.is_error).not.toBe(true);
    expect(exists('refused.txt')).toBe(false);
    expect(text('toolu_refused')).toBe(
      'Permission to use Bash was denied: denied by the permission prompt tool mcp__perm__approve: fixture policy refuses Bash',
    );
    expect(text('toolu_rule_denied')).toMatch(/denied by rule Bash\(rm:\*\)/);
    expect(readFileSync(join(sandbox.workspace, '.git', 'config'), 'utf8')).toBe('ALLOW-ME\n');
    expect(exists('.claw/settings.local.json')).toBe(false);
    expect(result.permission_denials.map((d) => d.tool_use_id).sort()).toEqual([
      'toolu_refused',
      'toolu_rule_denied',
      'toolu_settings',
    ]);

    // Claude Code's payload; nothing for the read-only `ls` or the rule-denied `rm`.
    expect(approveCalls().map((call) => call.args)).toEqual([
      { tool_name: 'Bash', input: { command: 'touch ALLOW-ME.txt' }, tool_use_id: 'toolu_allowed' },
      { tool_name: 'Bash', input: { command: 'touch refused.txt' }, tool_use_id: 'toolu_refused' },
      {
        tool_name: 'Write',
        input: { file_path: '.git/config', content: 'ALLOW-ME\n' },
        tool_use_id: 'toolu_hook',
      },
      {
        tool_name: 'Write',
        input: { file_path: '.claw/settings.local.json', content: '{}' },
        tool_use_id: 'toolu_settings',
      },
    ]);
  });

  it('runs the updatedInput it returns, and denies any answer it cannot read (fail closed)', async () => {
    settings();
    const { result, text } = await runWith([
      bash('toolu_rewrite', 'touch REWRITE-ME.txt'),
      bash('toolu_plain', 'touch ALLOW-PLAIN.txt'),
      bash('toolu_not_json', 'touch NOT-JSON.txt'),
      bash('toolu_bad', 'touch BAD-BEHAVIOR.txt'),
      bash('toolu_error', 'touch TOOL-ERROR.txt'),
    ]);
    expect(exists('rewritten.txt'), text('toolu_rewrite')).toBe(true);
    expect(exists('REWRITE-ME.txt')).toBe(false);
    expect(exists('ALLOW-PLAIN.txt'), text('toolu_plain')).toBe(true);
    for (const name of ['NOT-JSON.txt', 'BAD-BEHAVIOR.txt', 'TOOL-ERROR.txt'])
      expect(exists(name)).toBe(false);
    expect(text('toolu_not_json')).toMatch(
      /mcp__perm__approve did not answer with JSON \(got "sure, go ahead"\)/,
    );
    expect(text('toolu_bad')).toMatch(/answered \{"behavior":"maybe"\}, not \{"behavior":"allow"/);
    expect(text('toolu_error')).toMatch(/mcp__perm__approve failed \(the approval service is down\)/);
    expect(result.permission_denials.map((d) => d.tool_use_id).sort()).toEqual([
      'toolu_bad',
      'toolu_error',
      'toolu_not_json',
    ]);
  });

  it('does not let a rewritten input dodge a deny rule', async () => {
    settings({ permissions: { deny: ['Bash(touch rewritten.txt)'] } });
    const { result, text } = await runWith([bash('toolu_rewrite', 'touch REWRITE-ME.txt')]);
    expect(exists('rewritten.txt')).toBe(false);
    expect(exists('REWRITE-ME.txt')).toBe(false);
    expect(text('toolu_rewrite')).toMatch(
      /rewrote the input, and the rewritten call is denied: .*Bash\(touch/,
    );
    expect(result.permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_rewrite']);
  });

  it('stops before calling the model when the tool does not exist', async () => {
    settings();
    for (const name of ['mcp__perm__nope', 'Bash']) {
      const run = await runClaw(['-p', 'hello', '--permission-prompt-tool', name], {
        sandbox,
        baseUrl: mock.url,
        timeoutMs: 60_000,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--permission-prompt-tool ${name}`);
    }
    expect(messageRequests(mock)).toHaveLength(0);
    const help = await runClaw(['prompt', '--help'], { sandbox });
    expect(help.stdout).toMatch(/--permission-prompt-tool[\s\S]*"behavior":"allow"/);
  });
});
