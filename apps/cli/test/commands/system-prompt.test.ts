import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { onlyJson, writeTree } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

describe('claw system-prompt', () => {
  it('includes memory files, the tool list, skills and --append-system-prompt', async () => {
    writeTree(sandbox.workspace, {
      'CLAUDE.md': 'Always run the linter: MEMORY-MARKER-42\n',
      '.claw/rules/style.md': 'Use tabs: RULE-MARKER-7\n',
      '.claw/skills/greeter/SKILL.md':
        '---\nname: greeter\ndescription: Greets people warmly.\n---\nSay hi.\n',
    });
    const run = await runClaw(['system-prompt', '--append-system-prompt', 'APPENDED-MARKER'], { sandbox });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('MEMORY-MARKER-42');
    expect(run.stdout).toContain('RULE-MARKER-7');
    expect(run.stdout).toContain('APPENDED-MARKER');
    expect(run.stdout).toContain('greeter');
    expect(run.stdout).toContain(sandbox.workspace);
    expect(run.stdout.indexOf('MEMORY-MARKER-42')).toBeLessThan(run.stdout.indexOf('RULE-MARKER-7'));
  });

  it('prints json with the prompt, memory files and tools', async () => {
    writeTree(sandbox.workspace, { 'CLAUDE.md': 'JSON-MEMORY\n' });
    const run = await runClaw(['system-prompt', '--output-format', 'json'], { sandbox });
    const out = onlyJson(run.stdout) as {
      type: string;
      systemPrompt: string;
      memoryFiles: Array<{ path: string }>;
      tools: string[];
    };
    expect(out.type).toBe('system_prompt');
    expect(out.systemPrompt).toContain('JSON-MEMORY');
    expect(out.memoryFiles).toHaveLength(1);
    expect(out.tools).toEqual(expect.arrayContaining(['Read', 'Edit', 'Bash', 'Grep']));
  });
});
