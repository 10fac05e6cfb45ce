import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

const read = (path: string) => readFileSync(join(sandbox.workspace, path), 'utf8');

describe('claw init', () => {
  it('creates settings, CLAW.md and .gitignore, then is idempotent', async () => {
    const first = await runClaw(['init', '--output-format', 'json'], { sandbox });
    expect(first.code).toBe(0);
    const items = (onlyJson(first.stdout) as { items: Array<{ path: string; action: string }> }).items;
    expect(items.map((i) => i.action)).toEqual(['created', 'created', 'created']);
    expect(JSON.parse(read('.claw/settings.json'))).toEqual({ permissions: { allow: [], deny: [] } });
    expect(read('CLAW.md')).toContain('# Project notes');
    expect(read('.gitignore')).toBe('.claw/sessions/\n.claw/settings.local.json\n');

    const before = {
      settings: read('.claw/settings.json'),
      memory: read('CLAW.md'),
      ignore: read('.gitignore'),
    };
    const second = await runClaw(['init'], { sandbox });
    expect(second.code).toBe(0);
    expect(second.stdout.match(/^skipped/gm)).toHaveLength(3);
    expect({
      settings: read('.claw/settings.json'),
      memory: read('CLAW.md'),
      ignore: read('.gitignore'),
    }).toEqual(before);
  });

  it('leaves an existing CLAUDE.md and appends only missing .gitignore lines', async () => {
    writeTree(sandbox.workspace, {
      'CLAUDE.md': '# Mine\n',
      '.gitignore': 'node_modules\n/.claw/sessions/',
    });
    const run = await runClaw(['init'], { sandbox });
    expect(run.code).toBe(0);
    expect(existsSync(join(sandbox.workspace, 'CLAW.md'))).toBe(false);
    expect(read('CLAUDE.md')).toBe('# Mine\n');
    expect(run.stdout).toMatch(/skipped\s+\S+CLAW\.md — CLAUDE\.md exists/);
    expect(read('.gitignore')).toBe('node_modules\n/.claw/sessions/\n.claw/settings.local.json\n');
    expect(run.stdout).toMatch(/updated\s+\S+\.gitignore — added \.claw\/settings\.local\.json/);

    const again = await runClaw(['init'], { sandbox });
    expect(again.stdout.match(/^skipped/gm)).toHaveLength(3);
  });

  it('keeps an existing settings file untouched', async () => {
    writeTree(sandbox.workspace, { '.claw/settings.json': '{"model":"opus"}\n' });
    await runClaw(['init'], { sandbox });
    expect(read('.claw/settings.json')).toBe('{"model":"opus"}\n');
  });
});
