import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMemoryNote, memoryFileFor, parseMemoryNote } from '../../src/repl/memory-shortcut.js';

describe('parseMemoryNote', () => {
  it.each([
    ['# use tabs', { target: 'project', note: 'use tabs' }],
    ['#use tabs', { target: 'project', note: 'use tabs' }],
    ['## I prefer short replies', { target: 'user', note: 'I prefer short replies' }],
    ['### still user memory', { target: 'user', note: 'still user memory' }],
    ['#', { target: 'project', note: '' }],
    ['fix #12', undefined],
    ['/help', undefined],
  ])('%j', (line, expected) => {
    expect(parseMemoryNote(line)).toEqual(expected);
  });
});

describe('memoryFileFor and appendMemoryNote', () => {
  let root: string;
  let roots: { workspaceRoot: string; configHome: string; homeDir: string };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'claw-memory-'));
    roots = {
      workspaceRoot: join(root, 'ws'),
      configHome: join(root, 'config'),
      homeDir: join(root, 'home'),
    };
    for (const dir of Object.values(roots)) mkdirSync(dir, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('picks CLAW.md for a project without memory, and CLAUDE.md for a project that uses it', () => {
    expect(memoryFileFor('project', roots)).toBe(join(roots.workspaceRoot, 'CLAW.md'));
    writeFileSync(join(roots.workspaceRoot, 'CLAUDE.md'), '# Project\n');
    expect(memoryFileFor('project', roots)).toBe(join(roots.workspaceRoot, 'CLAUDE.md'));
    writeFileSync(join(roots.workspaceRoot, 'CLAW.md'), '');
    expect(memoryFileFor('project', roots)).toBe(join(roots.workspaceRoot, 'CLAW.md'));
  });

  it("picks the config home's CLAW.md for user memory, or ~/.claude/CLAUDE.md when only that exists", () => {
    expect(memoryFileFor('user', roots)).toBe(join(roots.configHome, 'CLAW.md'));
    mkdirSync(join(roots.homeDir, '.claude'));
    writeFileSync(join(roots.homeDir, '.claude', 'CLAUDE.md'), '');
    expect(memoryFileFor('user', roots)).toBe(join(roots.homeDir, '.claude', 'CLAUDE.md'));
  });

  it('appends a bullet on its own line, creating the file when needed', async () => {
    const path = join(roots.workspaceRoot, 'CLAUDE.md');
    writeFileSync(path, '# Project\nno trailing newline');
    await appendMemoryNote(path, 'use tabs');
    await appendMemoryNote(path, 'two\nlines');
    expect(readFileSync(path, 'utf8')).toBe('# Project\nno trailing newline\n- use tabs\n- two\n  lines\n');
    const fresh = join(roots.configHome, 'nested', 'CLAW.md');
    await appendMemoryNote(fresh, 'short replies');
    expect(readFileSync(fresh, 'utf8')).toBe('- short replies\n');
  });
});
