import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMockServer } from '@claw/mock-anthropic';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

interface Check {
  id: string;
  status: string;
  message: string;
  details?: string[];
}

function checksOf(stdout: string): Map<string, Check> {
  const report = onlyJson(stdout) as { checks: Check[] };
  return new Map(report.checks.map((check) => [check.id, check]));
}

describe('claw doctor', () => {
  it('passes in a clean workspace; missing credentials are only a warning', async () => {
    const run = await runClaw(['doctor'], { sandbox });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok\s+Node\.js/m);
    expect(run.stdout).toMatch(/^warn\s+Credentials\s+none found/m);
    expect(run.stdout).toMatch(/^ok\s+Session directory/m);
    expect(run.stdout).toContain('All checks passed');
  });

  it.each([
    [
      'an OpenAI model with OPENAI_API_KEY',
      { CLAW_MODEL: 'gpt-4o', OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop' },
      'pass',
      /API key from OPENAI_API_KEY \(sk-pr…mnop\) for gpt-4o/,
    ],
    ['an OpenAI model without a key', { CLAW_MODEL: 'gpt-4o' }, 'warn', /set OPENAI_API_KEY for gpt-4o/],
    [
      'a local model on Ollama',
      { CLAW_MODEL: 'ollama/qwen2.5-coder', OLLAMA_HOST: '127.0.0.1:11434' },
      'pass',
      /none needed: qwen2\.5-coder at http:\/\/127\.0\.0\.1:11434\/v1 takes no key/,
    ],
  ])('judges credentials by the provider the model goes to: %s', async (_what, env, status, message) => {
    const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox, env });
    const check = checksOf(run.stdout).get('credentials');
    expect(check?.status).toBe(status);
    expect(check?.message).toMatch(message);
    expect(run.stdout).not.toContain('abcdefghijklmnop');
  });

  it('prints one json report with a stable shape', async () => {
    const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox });
    expect(run.code).toBe(0);
    const report = onlyJson(run.stdout) as { type: string; ok: boolean; summary: Record<string, number> };
    expect(report).toMatchObject({ type: 'doctor', ok: true });
    expect(report.summary.fail).toBe(0);
    const checks = checksOf(run.stdout);
    for (const id of ['node', 'config', 'credentials', 'sessions', 'mcp', 'hooks', 'sandbox', 'rg', 'git'])
      expect(checks.has(id), id).toBe(true);
    expect(checks.has('network')).toBe(false);
    expect(checks.get('credentials')?.status).toBe('warn');
  });

  it('names the credential source without printing the secret', async () => {
    const secret = 'sk-ant-api03-doctor-secret-value-123456';
    const run = await runClaw(['doctor', '--output-format', 'json'], {
      sandbox,
      env: { ANTHROPIC_API_KEY: secret },
    });
    const credentials = checksOf(run.stdout).get('credentials');
    expect(credentials?.status).toBe('pass');
    expect(credentials?.message).toContain('ANTHROPIC_API_KEY');
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain('doctor-secret-value');
  });

  it('fails with exit 1 on a settings file that is not valid JSON', async () => {
    writeTree(sandbox.workspace, { '.claw/settings.json': '{ "model": "opus", ' });
    const run = await runClaw(['doctor'], { sandbox });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL\s+Settings files/m);
    expect(run.stdout).toContain('invalid JSON');
    expect(run.stdout).toContain('1 check(s) failed');
  });

  it('warns (exit 0) on an invalid entry next to valid ones', async () => {
    writeTree(sandbox.workspace, {
      '.claw/settings.json': JSON.stringify({ model: 'opus', permissions: { defaultMode: 'sometimes' } }),
    });
    const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox });
    expect(run.code).toBe(0);
    const config = checksOf(run.stdout).get('config');
    expect(config?.status).toBe('warn');
    expect(config?.details?.join('\n')).toContain('permissions.defaultMode');
  });

  it('fails on an invalid MCP entry and on an invalid hook', async () => {
    writeTree(sandbox.workspace, {
      '.claw/settings.local.json': JSON.stringify({
        mcpServers: { good: { command: 'node', args: ['s.js'] }, broken: { type: 'http', url: 42 } },
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command' }] }] },
      }),
    });
    const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox });
    expect(run.code).toBe(1);
    const checks = checksOf(run.stdout);
    expect(checks.get('mcp')).toMatchObject({ status: 'fail' });
    expect(checks.get('mcp')?.message).toContain('broken');
    expect(checks.get('hooks')?.status).toBe('fail');
  });

  it.skipIf(process.getuid?.() === 0)('fails when the session directory is not writable', async () => {
    const sessions = join(sandbox.workspace, '.claw', 'sessions');
    mkdirSync(sessions, { recursive: true });
    chmodSync(sessions, 0o500);
    try {
      const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox });
      expect(run.code).toBe(1);
      expect(checksOf(run.stdout).get('sessions')?.status).toBe('fail');
    } finally {
      chmodSync(sessions, 0o700);
    }
  });

  it('fails when a file stands where the session directory must go', async () => {
    writeTree(sandbox.workspace, { '.claw': 'not a directory' });
    const run = await runClaw(['doctor', '--output-format', 'json'], { sandbox });
    expect(run.code).toBe(1);
    expect(checksOf(run.stdout).get('sessions')).toMatchObject({ status: 'fail' });
  });

  it('--network reports an unreachable provider as a failure within the timeout', async () => {
    // `--timeout=2`: see the report about command-local value flags and the argv router.
    const run = await runClaw(['doctor', '--network', '--timeout=2', '--output-format', 'json'], {
      sandbox,
      env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: 'sk-ant-test' },
    });
    expect(run.code).toBe(1);
    expect(checksOf(run.stdout).get('network')).toMatchObject({ status: 'fail' });
  });

  it('--network passes when the provider answers any HTTP status', async () => {
    const mock = await startMockServer();
    try {
      const run = await runClaw(['doctor', '--network', '--output-format', 'json'], {
        sandbox,
        baseUrl: mock.url,
      });
      expect(run.code).toBe(0);
      const network = checksOf(run.stdout).get('network');
      expect(network?.status).toBe('pass');
      expect(network?.message).toContain(mock.url.replace(/\/$/, ''));
    } finally {
      await mock.close();
    }
  });
});
