import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import {
  blocksOf,
  messageRequests,
  parseResult,
  readSessionLines,
  textOf,
  toolResultText,
  writeProjectSettings,
} from './support/claw-e2e.js';

let mock: MockServer;
let sandbox: Sandbox;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

const json = ['--output-format', 'json'];
/** A model with a 200k window, so a reply reporting 190k input tokens passes the 80% threshold. */
const smallWindow = ['--model', 'claude-sonnet-4-5'];

describe('agent loop', () => {
  it('runs read-only tool calls of one message together and returns every result in one user message, in tool_use order', async () => {
    for (const name of ['a', 'b', 'c'])
      writeFileSync(join(sandbox.workspace, `${name}.txt`), `${name}-body\n`);
    const run = await runClaw(['-p', 'PARITY_SCENARIO:parallel_reads', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    const requests = messageRequests(mock);
    expect(requests).toHaveLength(2);
    const [prompt, assistant, results, ...rest] = requests[1]!.messages;
    expect(rest).toEqual([]);
    expect(prompt?.role).toBe('user');
    const uses = blocksOf(assistant!).filter((b) => b.type === 'tool_use');
    expect(uses.map((b) => (b.input as { path: string }).path)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const blocks = blocksOf(results!);
    expect(blocks.map((b) => b.type)).toEqual(['tool_result', 'tool_result', 'tool_result']);
    expect(blocks.map((b) => b.tool_use_id)).toEqual(uses.map((b) => b.id));
    expect(blocks.map((b) => toolResultText(b))).toEqual([
      expect.stringContaining('a-body'),
      expect.stringContaining('b-body'),
      expect.stringContaining('c-body'),
    ]);
    expect(blocks.some((b) => b.is_error)).toBe(false);
    expect(parseResult(run)).toMatchObject({ subtype: 'success', num_turns: 2 });
  });

  it.each([
    { scenario: 'unknown_tool', attack: 'a tool that does not exist', error: /no_such_tool/ },
    { scenario: 'invalid_tool_input', attack: 'read_file with wrong types', error: /invalid input/i },
  ])('turns $attack into an is_error tool_result and goes on ($scenario)', async ({ scenario, error }) => {
    const run = await runClaw(['-p', `PARITY_SCENARIO:${scenario}`, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    const result = parseResult(run);
    expect(result).toMatchObject({
      subtype: 'success',
      is_error: false,
      num_turns: 2,
      permission_denials: [],
    });
    const second = messageRequests(mock)[1]!;
    const toolResult = blocksOf(second.messages.at(-1)!).find((b) => b.type === 'tool_result')!;
    expect(toolResult.is_error).toBe(true);
    expect(toolResultText(toolResult)).toMatch(error);
    // The model's closing text quotes the error, so the loop really continued with it.
    expect(result.result).toMatch(/\[error\]/);
  });
});

describe('settings', () => {
  it('reports an invalid entry with file and key, and still applies its valid sibling', async () => {
    const file = writeProjectSettings(sandbox, {
      permissions: { defaultMode: 'yolo' },
      model: 'claude-haiku-4-5',
    });
    const run = await runClaw(['-p', 'hi', ...json], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/permissions\.defaultMode/);
    const [request] = mock.requests.filter((r) => r.path === '/v1/messages');
    expect((request?.body as { model?: string } | undefined)?.model).toBe('claude-haiku-4-5');
    expect(parseResult(run).model).toBe('claude-haiku-4-5');
  });

  it.each([
    { where: 'project settings', file: ['.claw', 'settings.json'] },
    { where: 'local settings', file: ['.claw', 'settings.local.json'] },
  ])('stops with exit 1 naming the file when $where holding deny rules do not parse', async ({ file }) => {
    const path = join(sandbox.workspace, ...file);
    writeProjectSettings(sandbox, { model: 'claude-haiku-4-5' });
    writeFileSync(path, '{"permissions": {"deny": ["Bash(rm:*)"],}');
    const run = await runClaw(['-p', 'hi', ...json], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/deny/);
    expect(run.stdout).toMatch(/"kind":"config"/);
    expect(messageRequests(mock)).toHaveLength(0);
  });
});

describe('auto-compaction', () => {
  it('compacts mid-task when a reply reports a nearly full window: compaction line on disk, next request starts with the summary', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'fixture body\n');
    const read = { name: 'Read', input: { file_path: 'fixture.txt' } };
    const token = encodeScript([
      { toolUses: [read] },
      { toolUses: [read], usage: { input_tokens: 190_000 } },
      { text: 'finished' },
    ]);
    const run = await runClaw(['-p', `work ${token}`, ...smallWindow, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    const result = parseResult(run);
    const lines = readSessionLines(sandbox.workspace, result.session_id);
    const compaction = lines.find((l) => l.type === 'compaction');
    expect(compaction).toMatchObject({ trigger: 'auto', replacedCount: 3 });
    expect(String(compaction?.summary)).toMatch(/Mock summary/);

    const requests = messageRequests(mock);
    const summarize = requests.findIndex((r) =>
      textOf(r.messages.at(-1)!).startsWith('Summarize the conversation so far'),
    );
    expect(summarize).toBe(2);
    const after = requests[summarize + 1]!;
    expect(textOf(after.messages[0]!)).toContain('Mock summary');
    expect(JSON.stringify(after.messages)).not.toContain(token);
    // The kept tail: the last tool call and its result stay verbatim.
    expect(after.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('honours CLAW_AUTO_COMPACT_TOKENS as an absolute threshold', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'fixture body\n');
    const read = { name: 'Read', input: { file_path: 'fixture.txt' } };
    const token = encodeScript([
      { toolUses: [read] },
      { toolUses: [read], usage: { input_tokens: 6_000 } },
      { text: 'finished' },
    ]);
    const below = await runClaw(['-p', `work ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(
      readSessionLines(sandbox.workspace, parseResult(below).session_id).map((l) => l.type),
    ).not.toContain('compaction');
    const above = await runClaw(['-p', `work ${token}`, ...json], {
      sandbox,
      baseUrl: mock.url,
      env: { CLAW_AUTO_COMPACT_TOKENS: '5000' },
    });
    expect(above.code).toBe(0);
    expect(readSessionLines(sandbox.workspace, parseResult(above).session_id).map((l) => l.type)).toContain(
      'compaction',
    );
  });

  it('compacts a conversation whose last reply reported 190k input tokens (auto_compact_triggered)', async () => {
    const first = await runClaw(['-p', 'PARITY_SCENARIO:auto_compact_triggered', ...smallWindow, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(first.code).toBe(0);
    const id = parseResult(first).session_id;
    const second = await runClaw(['-p', 'and now?', '--resume', id, ...smallWindow, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(second.code).toBe(0);
    const lines = readSessionLines(sandbox.workspace, id);
    expect(lines.map((l) => l.type)).toContain('compaction');
    const last = messageRequests(mock).at(-1)!;
    expect(textOf(last.messages[0]!)).toContain('Mock summary');
    // The new prompt was not summarized away: the request ends with it, as the last user message.
    const final = last.messages.at(-1)!;
    expect(final.role).toBe('user');
    expect(textOf(final)).toContain('and now?');
    expect(textOf(final).indexOf('and now?')).toBeGreaterThan(textOf(final).indexOf('Mock summary'));
    const summaryRequest = messageRequests(mock).at(-2)!;
    expect(JSON.stringify(summaryRequest.messages)).not.toContain('and now?');
    expect(readFileSync(join(sandbox.workspace, '.claw', 'sessions', `${id}.jsonl`), 'utf8')).toContain(
      '"trigger":"auto"',
    );
  });
});

describe('persistent shell directory', () => {
  it('judges a later Bash command from the directory an earlier cd moved the shell to', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(sandbox.workspace, 'sub'));
    writeFileSync(join(sandbox.workspace, 'notes.txt'), 'inside the workspace\n');
    const token = encodeScript([
      { toolUses: [{ name: 'Bash', input: { command: 'cd sub' } }] },
      { toolUses: [{ name: 'Bash', input: { command: 'cat ../notes.txt' } }] },
      { text: 'read it' },
    ]);
    const run = await runClaw(['-p', `cd then read ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    // From sub/, ../notes.txt is inside the workspace: it runs without asking (print mode would deny).
    expect(parseResult(run).permission_denials).toEqual([]);
    const last = messageRequests(mock).at(-1)!;
    const result = blocksOf(last.messages.at(-1)!).find((b) => b.type === 'tool_result');
    expect(toolResultText(result!)).toContain('inside the workspace');
  });
});

describe('scratch files', () => {
  it("lets the model read back a cut tool result's full output from claw's private scratch directory", async () => {
    const { mkdirSync, statSync } = await import('node:fs');
    const tmp = join(sandbox.home, 'tmp');
    mkdirSync(tmp);
    const run = await runClaw(['-p', 'PARITY_SCENARIO:read_spilled_output', ...json], {
      sandbox,
      baseUrl: mock.url,
      env: { TMPDIR: tmp },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    // Print mode denies whatever would need approval: the read back must not.
    expect(result.permission_denials).toEqual([]);
    expect(result.result).toContain('Read returned:');
    expect(result.result).toMatch(/39998\s+39998/);
    expect(result.result).toMatch(/40000\s+40000/);
    const scratch = join(tmp, `claw-${process.getuid?.() ?? ''}`);
    expect(statSync(scratch).mode & 0o777).toBe(0o700);
  });

  it('still asks before writing into the scratch directory (print mode denies)', async () => {
    const { mkdirSync } = await import('node:fs');
    const tmp = join(sandbox.home, 'tmp');
    mkdirSync(tmp);
    const target = join(tmp, `claw-${process.getuid?.() ?? ''}`, 'planted.sh');
    const token = encodeScript([
      { toolUses: [{ name: 'Write', input: { file_path: target, content: 'echo hi\n' } }] },
      { text: 'done' },
    ]);
    const run = await runClaw(['-p', `write there ${token}`, ...json], {
      sandbox,
      baseUrl: mock.url,
      env: { TMPDIR: tmp },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(parseResult(run).permission_denials).toHaveLength(1);
  });
});
