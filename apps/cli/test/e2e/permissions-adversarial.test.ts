import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASH_HOLE_CASES } from '../../../../packages/runtime/test/permissions/bash-holes-cases.js';
import { createSandbox, runClaw } from '../helpers.js';
import {
  ADVERSARIAL_CASES,
  type AdversarialCase,
  adversarialDirs,
  type Batch,
  batchRows,
  batchSteps,
  concurrencyLimit,
  describeChanges,
  fillRules,
  fixtureServers,
  layOutFixture,
  mcpToolsOf,
  prepReadIdOf,
  readFixtureCalls,
  snapshotTree,
  toolUseIdOf,
} from './support/adversarial-batches.js';
import {
  type ContentBlock,
  messageRequests,
  parseResult,
  type ResultObject,
  TEST_API_KEY,
  toolResultsById,
  toolResultText,
  writeProjectSettings,
} from './support/claw-e2e.js';

/** An allowed WebFetch to a public host would go to the internet; the policy unit test covers its decision. */
const needsInternet = (row: AdversarialCase): boolean => row.tool === 'WebFetch' && row.expect === 'allow';
// The audited Bash holes that must ask or deny (never run in print mode, so nothing is executed).
const HOLES = BASH_HOLE_CASES.filter((row) => row.expect !== 'allow');
const rows = [...ADVERSARIAL_CASES, ...HOLES]
  .map((row, index) => ({ row, index }))
  .filter(({ row }) => !needsInternet(row));
const batches = batchRows(rows);
const MODES = ['read-only', 'workspace-write', 'danger-full-access', 'prompt'] as const;
// Each batch is one claw process; the machine's two cores are shared with other suites.
const limit = concurrencyLimit(3);

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

/** The text of the tool_result for `id` ('' when there is none). */
const textFor = (results: Map<string, ContentBlock>, id: string): string => {
  const block = results.get(id);
  return block ? toolResultText(block) : '';
};

/** The tool_result blocks the mock received for these tool_use ids (requests of concurrent runs mix). */
function resultsFor(ids: string[]): Map<string, ContentBlock> {
  for (const body of messageRequests(mock).reverse()) {
    const results = toolResultsById(body);
    if (ids.every((id) => results.has(id))) return results;
  }
  return new Map();
}

interface BatchRun {
  result: ResultObject;
  results: Map<string, ContentBlock>;
  /** Files created, changed or removed in the workspace, the outside dir and HOME (relative to their parent). */
  changes: string[];
  mcpCalls: ReturnType<typeof readFixtureCalls>;
  inputs: string[];
}

async function runBatch(batch: Batch): Promise<BatchRun> {
  const sandbox = createSandbox();
  try {
    const dirs = adversarialDirs(sandbox);
    layOutFixture(dirs);
    const log = join(dirname(sandbox.workspace), 'mcp-calls.jsonl');
    const servers = mcpToolsOf(batch.rows);
    writeProjectSettings(sandbox, {
      permissions: fillRules(batch.rules, dirs),
      ...(Object.keys(servers).length > 0 ? { mcpServers: fixtureServers(servers, log) } : {}),
    });
    const roots = [dirs.workspace, dirs.outside, dirs.home];
    const skip = [join(dirs.workspace, '.claw', 'sessions'), join(dirs.home, '.npm')];
    const before = snapshotTree(roots, skip);
    const script = encodeScript(batchSteps(batch, dirs));
    const args = ['-p', `attack ${script}`, '--output-format', 'json', '--permission-mode', batch.mode];
    const run = await runClaw(args, { sandbox, baseUrl: mock.url, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    return {
      result: parseResult(run),
      results: resultsFor(batch.rows.map(({ index }) => toolUseIdOf(index))),
      changes: describeChanges(before, snapshotTree(roots, skip), dirname(dirs.workspace)),
      mcpCalls: readFixtureCalls(log),
      inputs: batch.rows.map(({ row }) =>
        JSON.stringify(row.input).replaceAll('{{', '').replaceAll('}}', ''),
      ),
    };
  } finally {
    sandbox.cleanup();
  }
}

describe('adversarial permission table through claw -p', () => {
  it('runs at least 60 rows, with allowed and denied outcomes in every mode', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const mode of MODES) {
      expect(rows.some(({ row }) => row.mode === mode && row.expect === 'allow')).toBe(true);
      expect(rows.some(({ row }) => row.mode === mode && row.expect !== 'allow')).toBe(true);
    }
  });

  it.concurrent.each(batches.map((batch) => [`${batch.key} (${batch.rows.length})`, batch] as const))(
    '%s',
    async (_, batch) => {
      const run = await limit(() => runBatch(batch));
      const denied = new Set(run.result.permission_denials.map((d) => d.tool_use_id));
      for (const { row, index } of batch.rows) {
        const block = run.results.get(toolUseIdOf(index));
        const text = block ? toolResultText(block) : '';
        expect(block, `${row.name}: no tool_result reached the model`).toBeDefined();
        if (batch.allowed) {
          expect(denied.has(toolUseIdOf(index)), `${row.name} was denied: ${text}`).toBe(false);
          expect(text, row.name).not.toMatch(/was denied|The user did not allow it/);
        } else {
          expect(denied.has(toolUseIdOf(index)), `${row.name} ran: ${text}`).toBe(true);
          expect(block?.is_error, row.name).toBe(true);
          // Print mode cannot ask, so `ask` is a denial too; either way the reason reaches the model.
          expect(text, row.name).toMatch(
            new RegExp(`^Permission to use ${row.tool} was denied: \\S.{20,}`, 's'),
          );
        }
      }
      if (!batch.allowed) {
        expect(run.result.permission_denials).toHaveLength(batch.rows.length);
        expect(run.changes, 'a denied call changed the filesystem').toEqual([]);
        expect(run.mcpCalls, 'a denied MCP call reached its server').toEqual([]);
        return;
      }
      // Allowed calls ran: each change is one a row names, and every allowed MCP call reached its server.
      for (const change of run.changes) {
        const path = change.replace(/^\w+ /, '');
        const named = [basename(path), basename(dirname(path))];
        expect(
          run.inputs.some((input) => named.some((name) => input.includes(name))),
          `${change} is not named by any row`,
        ).toBe(true);
      }
      for (const { row, index } of batch.rows.filter(({ row }) => ['Write', 'Edit'].includes(row.tool))) {
        const target = basename(row.input.file_path ?? '');
        const wrote = run.changes.some((change) => change.endsWith(`/${target}`));
        const text = textFor(run.results, toolUseIdOf(index));
        // Without the first turn's Read (denied for its own reasons) the tool refuses, past the permission check.
        if (denied.has(prepReadIdOf(index))) expect(text, row.name).toMatch(/has not been read/);
        else expect(wrote, `${row.name} wrote nothing: ${text}`).toBe(true);
      }
      for (const { row } of batch.rows.filter(({ row }) => row.tool.startsWith('mcp__'))) {
        expect(run.mcpCalls.map((call) => `mcp__${call.server}__${call.tool}`)).toContain(row.tool);
      }
    },
    120_000,
  );
});

describe('secrets never reach child processes', () => {
  const secrets = {
    GITHUB_TOKEN: 'ghp_e2e_github_token_value',
    NPM_TOKEN: 'npm_e2e_token_value',
    AWS_SECRET_ACCESS_KEY: 'aws_e2e_secret_value',
    CLAW_E2E_VISIBLE: 'visible-e2e-value',
  };

  it('hides ANTHROPIC_API_KEY and *_TOKEN/*_KEY variables from Bash and hooks, and /proc/$PPID/environ asks', async () => {
    const sandbox = createSandbox();
    try {
      writeProjectSettings(sandbox, {
        hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: 'env > hook-env.txt' }] }] },
      });
      const script = encodeScript([
        {
          toolUses: [
            { id: 'toolu_env', name: 'Bash', input: { command: 'env' } },
            {
              id: 'toolu_printenv',
              name: 'Bash',
              input: { command: 'printenv ANTHROPIC_API_KEY GITHUB_TOKEN' },
            },
            { id: 'toolu_proc', name: 'Bash', input: { command: 'tr "\\0" "\\n" < /proc/$PPID/environ' } },
          ],
        },
        { text: 'done' },
      ]);
      const run = await runClaw(['-p', `leak ${script}`, '--output-format', 'json'], {
        sandbox,
        baseUrl: mock.url,
        env: secrets,
      });
      expect(run.code, run.stderr).toBe(0);
      const results = resultsFor(['toolu_env', 'toolu_printenv', 'toolu_proc']);
      const env = textFor(results, 'toolu_env');
      const hookEnv = readFileSync(join(sandbox.workspace, 'hook-env.txt'), 'utf8');
      for (const text of [env, hookEnv]) {
        expect(text).toContain(secrets.CLAW_E2E_VISIBLE);
        for (const value of [
          TEST_API_KEY,
          secrets.GITHUB_TOKEN,
          secrets.NPM_TOKEN,
          secrets.AWS_SECRET_ACCESS_KEY,
        ])
          expect(text).not.toContain(value);
      }
      expect(textFor(results, 'toolu_printenv')).not.toMatch(/ghp_|sk-ant/);
      expect(results.get('toolu_proc')?.is_error).toBe(true);
      expect(textFor(results, 'toolu_proc')).toMatch(/denied: .*\/proc/);
      expect(parseResult(run).permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_proc']);
    } finally {
      sandbox.cleanup();
    }
  });
});

describe('Bash reads outside the workspace', () => {
  const KEY = 'PRIVATE-KEY-E2E-CONTENT';
  const reads = [
    { id: 'toolu_read_home', command: 'cat ~/.ssh/id_ed25519', path: '/.ssh/id_ed25519' },
    { id: 'toolu_read_link', command: 'cat keys/id_ed25519', path: 'keys/id_ed25519 → ' },
    { id: 'toolu_read_grep', command: 'grep -r PRIVATE ~', path: 'grep -r PRIVATE ~` reads ' },
    { id: 'toolu_read_cd', command: 'cd .. && cat home/.ssh/id_ed25519', path: 'home/.ssh/id_ed25519' },
  ];

  async function runReads(mode: string) {
    const sandbox = createSandbox();
    try {
      mkdirSync(join(sandbox.home, '.ssh'), { recursive: true });
      writeFileSync(join(sandbox.home, '.ssh', 'id_ed25519'), `${KEY}\n`);
      symlinkSync(join(sandbox.home, '.ssh'), join(sandbox.workspace, 'keys'));
      const toolUses = reads.map(({ id, command }) => ({ id, name: 'Bash', input: { command } }));
      const script = encodeScript([{ toolUses }, { text: 'done' }]);
      const run = await runClaw(
        ['-p', `read ${script}`, '--output-format', 'json', '--permission-mode', mode],
        {
          sandbox,
          baseUrl: mock.url,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      return { result: parseResult(run), results: resultsFor(reads.map(({ id }) => id)) };
    } finally {
      sandbox.cleanup();
    }
  }

  it('are denied in print mode with the path named, and the file never reaches the model', async () => {
    const { result, results } = await runReads('workspace-write');
    expect(result.permission_denials.map((d) => d.tool_use_id).sort()).toEqual(
      reads.map(({ id }) => id).sort(),
    );
    for (const { id, path } of reads) {
      expect(results.get(id)?.is_error, id).toBe(true);
      expect(textFor(results, id), id).toMatch(
        /^Permission to use Bash was denied: .*outside the workspace/s,
      );
      expect(textFor(results, id), id).toContain(path);
      expect(textFor(results, id), id).not.toContain(KEY);
    }
  });

  it('run in danger-full-access, as the file tools do', async () => {
    const { result, results } = await runReads('danger-full-access');
    expect(result.permission_denials).toEqual([]);
    for (const { id } of reads) expect(textFor(results, id), id).toContain(KEY);
  });
});

describe('WebFetch never connects to local or metadata addresses', () => {
  let listener: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '::', resolve));
    port = (listener.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => listener.close(resolve));
  });

  it('refuses loopback in every spelling and link-local metadata even when a rule allows the host', async () => {
    const urls = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://2130706433:${port}/`,
      `http://127.1:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://sub.localhost:${port}/`,
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    ];
    const sandbox = createSandbox();
    try {
      writeProjectSettings(sandbox, { permissions: { allow: ['WebFetch(domain:169.254.169.254)'] } });
      const toolUses = urls.map((url, i) => ({
        id: `toolu_fetch_${i}`,
        name: 'WebFetch',
        input: { url, prompt: 'read it' },
      }));
      const script = encodeScript([{ toolUses }, { text: 'done' }]);
      const run = await runClaw(
        ['-p', `fetch ${script}`, '--output-format', 'json', '--permission-mode', 'danger-full-access'],
        { sandbox, baseUrl: mock.url },
      );
      expect(run.code, run.stderr).toBe(0);
      const results = resultsFor(toolUses.map((t) => t.id));
      for (const { id, input } of toolUses) {
        expect(results.get(id)?.is_error, input.url).toBe(true);
        expect(textFor(results, id), input.url).toMatch(/Refusing to fetch/);
      }
      expect(connections).toBe(0);
    } finally {
      sandbox.cleanup();
    }
  });
});
