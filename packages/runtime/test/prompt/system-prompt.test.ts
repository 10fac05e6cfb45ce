import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSystemPrompt, collectGitInfo, type GitInfo, parseGitStatus } from '../../src/prompt/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-git-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
  });

describe('collectGitInfo', () => {
  it('reads branch and a capped short status from a real repository', async () => {
    git('init', '-q', '-b', 'trunk');
    for (let i = 0; i < 5; i++) await writeFile(join(dir, `f${i}.txt`), 'x');
    const info = await collectGitInfo(dir, { maxStatusLines: 3 });
    expect(info).toMatchObject({ branch: 'trunk', clean: false, statusOmitted: 2, ahead: 0, behind: 0 });
    expect(info?.status).toEqual(['?? f0.txt', '?? f1.txt', '?? f2.txt']);
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    expect(await collectGitInfo(dir)).toMatchObject({ branch: 'trunk', clean: true, status: [] });
  });

  it('returns nothing outside a repository', async () => {
    expect(await collectGitInfo(dir)).toBeUndefined();
    expect(await collectGitInfo(join(dir, 'missing'))).toBeUndefined();
  });

  it.each([
    [
      '## main...origin/main [ahead 2, behind 1]\n M a.ts\n',
      { branch: 'main', upstream: 'origin/main', ahead: 2, behind: 1, status: [' M a.ts'] },
    ],
    ['## No commits yet on dev\n', { branch: 'dev', clean: true }],
    ['## HEAD (no branch)\n', { clean: true }],
  ])('parses %j', (out, expected) => {
    expect(parseGitStatus(out)).toMatchObject(expected);
  });
});

describe('buildSystemPrompt', () => {
  const gitInfo: GitInfo = {
    branch: 'main',
    ahead: 0,
    behind: 0,
    status: [' M src/a.ts'],
    statusOmitted: 3,
    clean: false,
  };
  const base = {
    cwd: '/work/app',
    platform: 'linux',
    date: new Date('2026-11-24T11:46:00Z'),
    model: 'claude-sonnet-4-5',
    gitInfo,
    memoryFiles: [
      {
        path: '/home/u/.claw/CLAW.md',
        scope: 'user' as const,
        bytes: 9,
        content: 'Be terse.',
        truncated: false,
      },
      {
        path: '/work/app/CLAUDE.md',
        scope: 'project' as const,
        bytes: 12,
        content: 'Use pnpm.\n',
        truncated: false,
      },
    ],
    skills: [
      { name: 'release', description: 'Cut a release' },
      { name: 'changelog', description: 'Write the changelog' },
    ],
    toolNames: ['Read', 'Bash', 'mcp__gh__issue'],
    appendSystemPrompt: 'Always answer in French.',
  };

  it('contains each section in order with the injected facts', () => {
    const prompt = buildSystemPrompt(base);
    const order = [
      'You are claw',
      '# Tools',
      '# Environment',
      '# Memory',
      '# Skills',
      'Always answer in French.',
    ];
    const positions = order.map((s) => prompt.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(prompt).toContain('Available tools: Bash, Read, mcp__gh__issue.');
    expect(prompt).toContain('- Read files with Read rather than cat/head/tail in Bash.');
    expect(prompt).toContain(
      [
        '<env>',
        'Working directory: /work/app',
        'Is a git repository: yes',
        'Git branch: main',
        'Git status:',
        '   M src/a.ts',
        '  … and 3 more',
        'Platform: linux',
        "Today's date: 2026-11-24",
        'Model: claude-sonnet-4-5',
        '</env>',
      ].join('\n'),
    );
    expect(prompt).toContain(
      "Contents of /home/u/.claw/CLAW.md (user's private global instructions for all projects):\n\nBe terse.",
    );
    expect(prompt).toContain(
      'Contents of /work/app/CLAUDE.md (project instructions, checked into the codebase):\n\nUse pnpm.\n\n',
    );
    expect(prompt).toContain('- changelog: Write the changelog\n- release: Cut a release');
    expect(prompt.endsWith('Always answer in French.\n')).toBe(true);
  });

  it('is deterministic and omits empty sections', () => {
    expect(buildSystemPrompt(base)).toBe(buildSystemPrompt({ ...base }));
    const bare = buildSystemPrompt({
      ...base,
      gitInfo: undefined,
      memoryFiles: [],
      skills: [],
      appendSystemPrompt: '  ',
    });
    expect(bare).toContain('Is a git repository: no');
    expect(bare).not.toContain('# Memory');
    expect(bare).not.toContain('# Skills');
    expect(bare).not.toContain('Git branch');
  });

  it('adds an output style and notes imported files', () => {
    const prompt = buildSystemPrompt({
      ...base,
      date: '2026-01-02',
      outputStyle: { name: 'Explanatory', instructions: 'Explain your choices.' },
      memoryFiles: [
        {
          path: '/w/docs/a.md',
          scope: 'project',
          bytes: 1,
          content: 'a',
          truncated: false,
          importedFrom: '/w/CLAUDE.md',
        },
      ],
    });
    expect(prompt).toContain("Today's date: 2026-01-02");
    expect(prompt).toContain('# Output style: Explanatory\n\nExplain your choices.');
    expect(prompt).toContain(
      'Contents of /w/docs/a.md (project instructions, checked into the codebase, imported by /w/CLAUDE.md):',
    );
  });
});
