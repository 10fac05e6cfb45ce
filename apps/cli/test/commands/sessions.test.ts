import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson } from './common.js';

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

interface Listed {
  id: string;
  messageCount: number;
  firstPrompt?: string;
  costUsd: number;
}

/** Runs a real one-shot prompt against the mock so the session file is the engine's own. */
async function createSession(prompt: string): Promise<string> {
  const run = await runClaw(['-p', prompt, '--output-format', 'json'], { sandbox, baseUrl: mock.url });
  expect(run.code, run.stderr).toBe(0);
  return String(onlyJson(run.stdout).session_id);
}

async function list(): Promise<Listed[]> {
  const run = await runClaw(['sessions', 'list', '--output-format', 'json'], { sandbox });
  expect(run.code, run.stderr).toBe(0);
  return (onlyJson(run.stdout) as { sessions: Listed[] }).sessions;
}

describe('claw sessions', () => {
  it('says so when there are none', async () => {
    const run = await runClaw(['sessions'], { sandbox });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No sessions');
  });

  it('lists sessions newest first, shows, exports and removes them', async () => {
    const first = await createSession('hi there, first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await createSession('hi again, second');

    const sessions = await list();
    expect(sessions.map((s) => s.id)).toEqual([second, first]);
    expect(sessions[0]).toMatchObject({ firstPrompt: 'hi again, second', messageCount: 2 });

    const text = await runClaw(['sessions'], { sandbox });
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+UPDATED\s+MSGS\s+COST\s+TITLE/);
    expect(text.stdout).toContain(second);

    const shown = await runClaw(['sessions', 'show', first], { sandbox });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`Session    ${first}`);
    expect(shown.stdout).toMatch(/user\s+hi there, first/);
    expect(shown.stdout).toMatch(/assistant\s+Hello from the mock model\./);

    const shownJson = onlyJson(
      (await runClaw(['sessions', 'show', 'latest', '--output-format', 'json'], { sandbox })).stdout,
    );
    expect(shownJson).toMatchObject({ type: 'session', id: second, messageCount: 2 });

    const markdown = await runClaw(['sessions', 'show', first, '--format=markdown'], { sandbox });
    expect(markdown.stdout).toContain('## User');
    expect(markdown.stdout).toContain('hi there, first');

    const out = join(sandbox.workspace, 'export.json');
    const exported = await runClaw(['sessions', 'export', first, '--format=json', `--out=${out}`], {
      sandbox,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { id: string; messages: unknown[] };
    expect(json.id).toBe(first);
    expect(json.messages).toHaveLength(2);

    const removed = await runClaw(['sessions', 'rm', first], { sandbox });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed session ${first}`);
    expect((await list()).map((s) => s.id)).toEqual([second]);
    expect(readdirSync(join(sandbox.workspace, '.claw', 'sessions')).some((f) => f.startsWith(first))).toBe(
      false,
    );
  });

  it('refuses an unknown id with exit 1 and a bad id with exit 2', async () => {
    const missing = await runClaw(['sessions', 'show', 'nosuchsession', '--output-format', 'json'], {
      sandbox,
    });
    expect(missing.code).toBe(1);
    expect(onlyJson(missing.stdout)).toMatchObject({ type: 'error', kind: 'session_not_found' });
    const bad = await runClaw(['sessions', 'rm', '../etc'], { sandbox });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid session id');
    expect(existsSync(join(sandbox.workspace, '.claw'))).toBe(false);
  });
});
