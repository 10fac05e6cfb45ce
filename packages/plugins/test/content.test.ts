import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAgentFile,
  createSkillTool,
  discoverAgents,
  discoverCustomCommands,
  discoverSkills,
  expandCustomCommand,
  installSkill,
  parseFrontMatter,
  splitArguments,
  uninstallSkill,
} from '../src/index.js';
import { fakeContext, workspace } from './helpers.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'claw-plugins-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('front matter', () => {
  it.each([
    ['---\nname: a\n---\nbody', { name: 'a' }, 'body', undefined],
    ['no front matter', {}, 'no front matter', undefined],
    ['---\r\nname: crlf\r\n---\r\nbody', { name: 'crlf' }, 'body', undefined],
    ['---\n- a list\n---\nbody', {}, 'body', 'front matter must be a YAML mapping'],
    ['---\n---\nempty', {}, 'empty', undefined],
  ])('%j', async (text, data, body, error) => {
    const doc = await parseFrontMatter(text);
    expect(doc.data).toEqual(data);
    expect(doc.body).toBe(body);
    expect(doc.error).toBe(error);
  });
});

describe('skills', () => {
  it('discovers Claude Code skills and reports broken ones', async () => {
    const { skills, issues } = await discoverSkills({ workspaceRoot: workspace, configHome: home });
    expect(skills.map((s) => s.name)).toEqual(['pdf-helper']);
    expect(skills[0]).toMatchObject({
      source: 'project',
      allowedTools: ['Read', 'Bash(python3:*)'],
      baseDir: join(workspace, '.claude/skills/pdf-helper'),
    });
    expect(skills[0]?.body).toMatch(/^# PDF helper/);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toContain('broken');
  });

  it("finds the user's Claude Code skills, commands and agents in ~/.claude, below claw's own", async () => {
    const claude = join(home, 'claude-user');
    const write = async (path: string, text: string) => {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, text);
    };
    await write(
      join(claude, 'skills', 'cc-skill', 'SKILL.md'),
      '---\nname: cc-skill\ndescription: d\n---\nbody',
    );
    // The same name in claw's config home wins.
    await write(join(home, 'skills', 'shared', 'SKILL.md'), '---\nname: shared\ndescription: claw\n---\nx');
    await write(join(claude, 'skills', 'shared', 'SKILL.md'), '---\nname: shared\ndescription: cc\n---\nx');
    await write(join(claude, 'commands', 'cc-cmd.md'), '---\ndescription: c\n---\nDo $ARGUMENTS');
    await write(join(claude, 'agents', 'cc-agent.md'), '---\nname: cc-agent\ndescription: a\n---\nprompt');
    const roots = { workspaceRoot: workspace, configHome: home, claudeUserDir: claude };
    const { skills } = await discoverSkills(roots);
    expect(skills.map((s) => s.name)).toEqual(expect.arrayContaining(['pdf-helper', 'cc-skill', 'shared']));
    expect(skills.find((s) => s.name === 'shared')?.description).toBe('claw');
    expect(skills.find((s) => s.name === 'cc-skill')?.source).toBe('user');
    expect((await discoverCustomCommands(roots)).commands.map((c) => c.name)).toContain('cc-cmd');
    expect((await discoverAgents(roots)).agents.map((a) => a.name)).toContain('cc-agent');
    // `null` leaves it out.
    const without = await discoverSkills({ ...roots, claudeUserDir: null });
    expect(without.skills.map((s) => s.name)).not.toContain('cc-skill');
  });

  it('the Skill tool returns the instructions with their base directory', async () => {
    const { skills } = await discoverSkills({ workspaceRoot: workspace, configHome: home });
    const tool = createSkillTool({ skills });
    expect(tool.name).toBe('Skill');
    expect(tool.aliases).toContain('skill');
    expect(tool.description).toContain('pdf-helper: Extract text');
    const result = await tool.execute(
      tool.inputSchema.parse({ skill: 'pdf-helper', args: 'form.pdf' }),
      fakeContext(),
    );
    expect(result.isError).toBeUndefined();
    expect(result.content).toContain(
      `Base directory for this skill: ${join(workspace, '.claude/skills/pdf-helper')}`,
    );
    expect(result.content).toContain('Read `reference.md`');
    expect(result.content).toContain('ARGUMENTS: form.pdf');
    const missing = await tool.execute({ skill: 'nope' }, fakeContext());
    expect(missing.isError).toBe(true);
    expect(missing.content).toContain('pdf-helper');
  });

  it('installs and uninstalls a skill directory', async () => {
    const location = { scope: 'user' as const, workspaceRoot: workspace, configHome: home };
    const installed = await installSkill(join(workspace, '.claude/skills/pdf-helper'), location);
    expect(installed.path).toBe(join(home, 'skills', 'pdf-helper'));
    expect(await readFile(join(installed.path, 'reference.md'), 'utf8')).toContain('pdfplumber');
    await expect(installSkill(join(workspace, '.claude/skills/pdf-helper'), location)).rejects.toMatchObject({
      kind: 'already_exists',
    });
    await expect(installSkill(join(workspace, '.claw/skills/broken'), location)).rejects.toMatchObject({
      kind: 'invalid_skill',
    });
    await uninstallSkill('pdf-helper', location);
    await expect(uninstallSkill('pdf-helper', location)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('custom commands', () => {
  it('discovers commands with namespaces and front matter', async () => {
    const { commands } = await discoverCustomCommands({ workspaceRoot: workspace, configHome: home });
    expect(commands.map((c) => c.name)).toEqual(['frontend:lint', 'review']);
    const review = commands.find((c) => c.name === 'review');
    expect(review).toMatchObject({
      description: 'Review a file for bugs',
      argumentHint: '<file> [focus]',
      allowedTools: ['Read', 'Grep'],
      model: 'sonnet',
    });
    expect(commands.find((c) => c.name === 'frontend:lint')?.description).toBe(
      'Lint the $1 component with the $2 rules.',
    );
  });

  it('expands $ARGUMENTS, !`cmd` and @file (inside the workspace only)', async () => {
    const { commands } = await discoverCustomCommands({ workspaceRoot: workspace, configHome: home });
    const review = commands.find((c) => c.name === 'review');
    if (!review) throw new Error('missing review');
    const ran: string[] = [];
    const read: string[] = [];
    const prompt = await expandCustomCommand(review, 'error handling', {
      workspaceRoot: workspace,
      runShell: async (cmd) => {
        ran.push(cmd);
        return 'main-branch\n';
      },
      readFile: async (path) => {
        read.push(path);
        return readFile(path, 'utf8');
      },
    });
    expect(ran).toEqual(['echo main-branch']);
    expect(prompt).toContain('Current branch: main-branch');
    expect(prompt).toContain('with focus on error handling.');
    expect(prompt).toContain('Contents of src/hello.ts:\n```\nexport const hello = "world";\n```');
    expect(read).toEqual([join(workspace, 'src/hello.ts')]);
    expect(prompt).not.toContain('root:');
  });

  it.each([
    ['Fix $1 in $2', 'Button "src/ui x.tsx"', 'Fix Button in src/ui x.tsx'],
    ['Do $ARGUMENTS now', 'a b', 'Do a b now'],
    ['Missing $3 stays empty', 'a', 'Missing  stays empty'],
    ['No placeholders', 'extra words', 'No placeholders\n\nARGUMENTS: extra words'],
    ['No placeholders', '', 'No placeholders'],
  ])('%s + %s', async (body, args, expected) => {
    const deps = { workspaceRoot: workspace, runShell: async () => '', readFile: async () => '' };
    expect(await expandCustomCommand({ body }, args, deps)).toBe(expected);
  });

  it('splits arguments like a shell', () => {
    expect(splitArguments(`a "b c" 'd e' f\\ g ""`)).toEqual(['a', 'b c', 'd e', 'f g', '']);
  });
});

describe('agents', () => {
  it('discovers agents, keeps the built-in general-purpose and reports bad files', async () => {
    const { agents, issues } = await discoverAgents({ workspaceRoot: workspace, configHome: home });
    expect(agents.map((a) => a.name)).toEqual(['code-reviewer', 'general-purpose']);
    expect(agents[0]).toMatchObject({
      tools: ['Read', 'Grep', 'Glob'],
      model: 'sonnet',
      color: 'blue',
      source: 'project',
    });
    expect(agents[0]?.systemPrompt).toMatch(/^You are a senior code reviewer/);
    expect(agents[1]?.tools).toBeUndefined();
    expect(issues.map((i) => i.message)).toEqual(['front matter needs a "description"']);
  });

  it('creates an agent file that discovery reads back', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'claw-agents-ws-'));
    try {
      const { path } = await createAgentFile({
        workspaceRoot: ws,
        configHome: home,
        scope: 'project',
        name: 'test-writer',
        description: 'Writes tests: vitest, table-driven',
        tools: ['Read', 'Write'],
        model: 'haiku',
        systemPrompt: 'You write tests.',
      });
      expect(path).toBe(join(ws, '.claw/agents/test-writer.md'));
      const { agents } = await discoverAgents({ workspaceRoot: ws, configHome: home });
      expect(agents[0]).toMatchObject({
        name: 'test-writer',
        description: 'Writes tests: vitest, table-driven',
        tools: ['Read', 'Write'],
        model: 'haiku',
        systemPrompt: 'You write tests.',
      });
      await expect(
        createAgentFile({
          workspaceRoot: ws,
          configHome: home,
          scope: 'project',
          name: 'Bad Name',
          description: 'x',
          systemPrompt: '',
        }),
      ).rejects.toMatchObject({ kind: 'invalid_agent' });
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });
});
