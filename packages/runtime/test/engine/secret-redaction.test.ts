import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedCredential } from '@claw/auth';
import type { ToolContext, ToolResult } from '@claw/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialRedactor } from '../../src/engine/secret-redaction.js';
import { capResultOutput, type ToolRuntimeDeps } from '../../src/engine/tool-runtime.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';
import { SessionStore } from '../../src/session/session-store.js';

/** Shaped like no known key: only knowing the value can redact it. */
const API_KEY = 'claw-test-api-key-5d41402abc4b2a76';
const OAUTH_TOKEN = 'opaque-access-token-7c6a180b36896a0a';
const REFRESHED_TOKEN = 'opaque-access-token-after-refresh-e4da3b7f';
const PASTED = 'sk-ant-api03-pastedbytheuser0000000000abcd';

const source: { credential: ResolvedCredential | undefined } = {
  credential: { kind: 'bearer', value: OAUTH_TOKEN, source: 'oauth' },
};
const redact = credentialRedactor(source, { ANTHROPIC_API_KEY: API_KEY, PATH: '/usr/bin:/bin' });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claw-redaction-'));
  source.credential = { kind: 'bearer', value: OAUTH_TOKEN, source: 'oauth' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('credentialRedactor: one row per way a credential reaches text', () => {
  it.each([
    ['claw’s environment printed by a tool', `ANTHROPIC_API_KEY=${API_KEY}\nPATH=/usr/bin`, API_KEY],
    ['the OAuth token in use', `Authorization: Bearer ${OAUTH_TOKEN}`, OAUTH_TOKEN],
    ['a key pasted into a prompt', `here is my key ${PASTED} please use it`, PASTED],
    ['the key inside a larger word', `x${API_KEY}y`, API_KEY],
  ])('%s', (_attack, text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('…');
  });

  it('follows the credential after a refresh', () => {
    source.credential = { kind: 'bearer', value: REFRESHED_TOKEN, source: 'oauth' };
    expect(redact(`token=${REFRESHED_TOKEN}`)).not.toContain(REFRESHED_TOKEN);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('PATH=/usr/bin:/bin and nothing secret')).toBe('PATH=/usr/bin:/bin and nothing secret');
  });
});

describe('tool results are redacted before the model, the UI and a spill file see them', () => {
  const ctx = (): ToolContext => ({ scratchDir: join(dir, 'scratch') }) as ToolContext;
  const deps = (maxOutputChars = 30_000): ToolRuntimeDeps =>
    ({ maxOutputChars, redact }) as unknown as ToolRuntimeDeps;

  it.each<[string, ToolResult]>([
    ['string content', { content: `env:\nANTHROPIC_API_KEY=${API_KEY}\n` }],
    ['text blocks', { content: [{ type: 'text', text: `token ${OAUTH_TOKEN}` }] }],
    [
      'a diff shown in the UI',
      {
        content: 'wrote .env',
        display: { kind: 'diff', path: '.env', diff: `+KEY=${API_KEY}`, created: true },
      },
    ],
    ['an error message', { content: `Error: curl failed: 401 for key ${API_KEY}`, isError: true }],
  ])('%s', async (_what, result) => {
    const out = JSON.stringify(await capResultOutput(deps(), result, ctx()));
    expect(out).not.toContain(API_KEY);
    expect(out).not.toContain(OAUTH_TOKEN);
  });

  it('a capped result saves its full text redacted', async () => {
    const long = `${'x'.repeat(200)}\nANTHROPIC_API_KEY=${API_KEY}\n${'y'.repeat(200)}`;
    const out = await capResultOutput(deps(100), { content: long }, ctx());
    expect(String(out.content)).not.toContain(API_KEY);
    const [saved] = readdirSync(join(dir, 'scratch'));
    expect(saved).toBeDefined();
    const text = readFileSync(join(dir, 'scratch', saved as string), 'utf8');
    expect(text).toContain('ANTHROPIC_API_KEY=');
    expect(text).not.toContain(API_KEY);
  });
});

describe('session files', () => {
  it('never store a credential, from a prompt or a tool result', async () => {
    const store = new SessionStore({ workspaceRoot: dir, redact });
    const session = await store.create({ model: 'm', cwd: dir });
    session.append({
      type: 'message',
      message: { role: 'user', content: [{ type: 'text', text: `use ${PASTED} and ${API_KEY}` }] },
    });
    session.append({
      type: 'message',
      message: {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'env' } }],
      },
    });
    session.append({
      type: 'message',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't1', content: `Bearer ${OAUTH_TOKEN}` }],
      },
    });
    await session.close();
    const text = readFileSync(session.path, 'utf8');
    for (const secret of [PASTED, API_KEY, OAUTH_TOKEN]) expect(text).not.toContain(secret);
    // Still a readable session.
    const reopened = await store.open(session.id, { readOnly: true });
    expect((await reopened.load()).messages).toHaveLength(3);
  });
});

describe('reads of claw’s credential store ask in every mode', () => {
  it.each([
    ['$CLAW_CONFIG_HOME/credentials.json', (config: string) => join(config, 'credentials.json'), 'ask'],
    ['a neighbour of it', (config: string) => join(config, 'settings.json'), 'allow'],
  ])('%s in danger-full-access', (_what, pathOf, expected) => {
    const config = join(dir, 'config');
    const policy = createPermissionPolicy({
      mode: 'danger-full-access',
      rules: [{ behavior: 'allow', rule: 'Read', source: 'test' }],
      workspaceRoot: join(dir, 'ws'),
      credentialFiles: [join(config, 'credentials.json')],
      analyzeBash: () => {
        throw new Error('not a Bash test');
      },
    });
    const decision = policy.evaluate({
      toolName: 'Read',
      input: { file_path: pathOf(config) },
      requiredLevel: 'read-only',
    });
    expect(decision.behavior).toBe(expected);
  });
});
