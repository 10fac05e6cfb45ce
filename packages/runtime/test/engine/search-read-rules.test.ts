import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type AnyTool,
  createGlobTool,
  createGrepTool,
  createToolSessionState,
  type ToolContext,
} from '@claw/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext, type ToolRuntimeDeps } from '../../src/engine/tool-runtime.js';
import type { ToolCallRequest } from '../../src/loop/tool-executor.js';
import { createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';
import type { PermissionRuleEntry } from '../../src/permissions/rules.js';

/**
 * Grep and Glob list files the user never named: the permission check of their `path` argument cannot see
 * a Read rule deeper in the tree, so the runtime hands the rules to the tools through the ToolContext and
 * the tools hide what they cover. Each row is one way a model might try to get at a covered file.
 */
const SECRET = 'hunter2';
const FILES: Record<string, string> = {
  'secrets/db.txt': `password=${SECRET}\n`,
  'secrets/deep/more.txt': `token=${SECRET}\n`,
  'config/.env': `API_KEY=${SECRET}\n`,
  'src/.env': `NESTED=${SECRET}\n`,
  'keys/id.pem': `-----BEGIN ${SECRET}-----\n`,
  'private/notes.md': `ask first ${SECRET}\n`,
  'src/a.ts': 'const open = "hunter1";\n',
  'src/readme.txt': 'nothing secret here, hunter\n',
};
const RULES: PermissionRuleEntry['rule'][] = ['Read(./secrets/**)', 'Read(.env)', 'Grep(*.pem)'];
const ASK_RULES = ['Read(./private)'];

interface Attack {
  attack: string;
  tool: 'Grep' | 'Glob';
  input: Record<string, unknown>;
  /** Text the result must show (proves the search ran and found the open files). */
  shows?: string;
}

const ATTACKS: Attack[] = [
  { attack: 'Grep with no path, files mode', tool: 'Grep', input: { pattern: 'hunter' }, shows: 'src/a.ts' },
  {
    attack: 'Grep with no path, content mode',
    tool: 'Grep',
    input: { pattern: 'hunter2', output_mode: 'content' },
  },
  {
    attack: 'Grep count mode',
    tool: 'Grep',
    input: { pattern: 'hunter', output_mode: 'count' },
    shows: 'src',
  },
  { attack: 'Grep path "."', tool: 'Grep', input: { pattern: 'password', path: '.' } },
  {
    attack: 'Grep glob whitelisting the denied dir',
    tool: 'Grep',
    input: { pattern: 'h', glob: 'secrets/**' },
  },
  {
    attack: 'Grep glob *.txt',
    tool: 'Grep',
    input: { pattern: 'hunter', glob: '*.txt' },
    shows: 'readme.txt',
  },
  { attack: 'Grep hidden file by glob', tool: 'Grep', input: { pattern: 'KEY', glob: '.env' } },
  { attack: 'Grep type', tool: 'Grep', input: { pattern: 'hunter', type: 'txt' }, shows: 'readme.txt' },
  {
    attack: 'Grep multiline across the secret',
    tool: 'Grep',
    input: { pattern: 'password=.*', multiline: true, output_mode: 'content' },
  },
  {
    attack: 'Grep from a parent dir of the rule',
    tool: 'Grep',
    input: { pattern: 'token', path: 'secrets/..' },
  },
  { attack: 'Grep in a subdirectory (name rule)', tool: 'Grep', input: { pattern: 'NESTED', path: 'src' } },
  { attack: 'Grep of the ask-rule dir contents', tool: 'Grep', input: { pattern: 'ask first' } },
  { attack: 'Grep of a rule written for Grep', tool: 'Grep', input: { pattern: 'BEGIN' } },
  { attack: 'Glob **/*.txt', tool: 'Glob', input: { pattern: '**/*.txt' }, shows: 'src/readme.txt' },
  { attack: 'Glob secrets/**', tool: 'Glob', input: { pattern: 'secrets/**' } },
  { attack: 'Glob **/.env', tool: 'Glob', input: { pattern: '**/.env' } },
  { attack: 'Glob absolute pattern', tool: 'Glob', input: { pattern: '{{ws}}/secrets/*' } },
  { attack: 'Glob **/* everything', tool: 'Glob', input: { pattern: '**/*' }, shows: 'src/a.ts' },
  { attack: 'Glob in the ask-rule dir', tool: 'Glob', input: { pattern: '*', path: 'private' } },
];

const COVERED = ['secrets/db.txt', 'secrets/deep/more.txt', 'config/.env', 'src/.env', 'keys/id.pem'];
const analyzer = createBashAnalyzer();
let root = '';
let ws = '';

beforeAll(async () => {
  await analyzer.init();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-search-rules-')));
  ws = join(root, 'ws');
  for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(ws, file)), { recursive: true });
    writeFileSync(join(ws, file), content);
  }
  // A symlink into the denied directory: neither rg nor the walker follows it, and the filter checks real paths.
  symlinkSync(join(ws, 'secrets'), join(ws, 'src', 'linked'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function contextFor(tool: AnyTool, input: Record<string, unknown>): ToolContext {
  const source = join(ws, '.claw', 'settings.json');
  const policy = createPermissionPolicy({
    mode: 'workspace-write',
    rules: [
      ...RULES.map((rule) => ({ behavior: 'deny' as const, rule, source })),
      ...ASK_RULES.map((rule) => ({ behavior: 'ask' as const, rule, source })),
    ],
    workspaceRoot: ws,
    homeDir: join(root, 'home'),
    analyzeBash: analyzer.analyze,
  });
  const deps: ToolRuntimeDeps = {
    workspaceRoot: ws,
    allowedRoots: [ws],
    tempDir: join(root, 'tmp'),
    childEnv: {},
    policy,
    prompter: undefined,
    hooks: undefined,
    maxOutputChars: 30_000,
  };
  const call = { tool, toolUseId: 'toolu_1', input, level: 'read-only' } as ToolCallRequest;
  const state = createToolSessionState();
  return createToolContext(deps, call, { id: 'session', state }, new AbortController().signal);
}

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

describe.each([
  ['built-in engine', null],
  ['rg', undefined],
] as const)('Read deny/ask rules hide files from Grep and Glob (%s)', (_engine, rgPath) => {
  const tools = {
    Grep: createGrepTool({ rgPath, grepWorkers: 0 }),
    Glob: createGlobTool({ rgPath }),
  };

  it.each(ATTACKS)('$attack', async ({ tool, input, shows }) => {
    const filled = JSON.parse(JSON.stringify(input).replaceAll('{{ws}}', ws)) as Record<string, unknown>;
    const chosen = tools[tool] as AnyTool;
    const result = await chosen.execute(chosen.inputSchema.parse(filled), contextFor(chosen, filled));
    const text = textOf(result.content);
    expect(result.isError ?? false).toBe(false);
    expect(text).not.toContain(SECRET);
    for (const file of [...COVERED, 'private/notes.md']) expect(text).not.toContain(file);
    expect(text).not.toMatch(/secrets\/|\.env\b|id\.pem|private\//);
    if (shows) expect(text).toContain(shows);
    if (result.display?.kind === 'files') {
      expect(result.display.paths.some((path) => /secrets|\.env|\.pem|private/.test(path))).toBe(false);
    }
  });

  it('tells the model that files were hidden', async () => {
    const glob = tools.Glob as AnyTool;
    const input = { pattern: '**/*.txt' };
    const result = await glob.execute(input, contextFor(glob, input));
    expect(textOf(result.content)).toMatch(/2 files hidden: the user's Read permission rules/);
  });
});

describe('readRuleFilter', () => {
  const policyWith = (rules: PermissionRuleEntry[]) =>
    createPermissionPolicy({
      mode: 'workspace-write',
      rules,
      workspaceRoot: ws,
      homeDir: join(root, 'home'),
      analyzeBash: analyzer.analyze,
    });
  const source = () => join(ws, '.claw', 'settings.json');

  it('is absent without Read deny or ask rules, and ignores allow rules', () => {
    expect(policyWith([]).readRuleFilter()).toBeUndefined();
    expect(
      policyWith([{ behavior: 'allow', rule: 'Read(./secrets/**)', source: source() }]).readRuleFilter(),
    ).toBeUndefined();
    expect(policyWith([{ behavior: 'deny', rule: 'Bash(cat:*)', source: source() }]).readRuleFilter()).toBe(
      undefined,
    );
  });

  it.each([
    ['Read(./secrets/**)', '.', ['!/secrets/**']],
    ['Read(./secrets/**)', 'secrets', ['!/**']],
    ['Read(./secrets)', '.', ['!/secrets']],
    ['Read(.env)', 'src', ['!**/.env']],
    ['Read(//etc/shadow)', '.', []],
    ['Read(./src/+(a|b).ts)', '.', []],
    ['Read(./secrets/**)', 'src', []],
  ])('%s searched from %s excludes %j up front', (rule, searchDir, globs) => {
    const filter = policyWith([{ behavior: 'deny', rule, source: source() }]).readRuleFilter();
    expect(filter?.excludeGlobs(join(ws, searchDir))).toEqual(globs);
  });

  it('sees session rules added after start', () => {
    const policy = policyWith([{ behavior: 'deny', rule: 'Read(./a)', source: source() }]);
    policy.addSessionRule('Read(./b/**)', 'deny');
    expect(policy.readRuleFilter()?.isBlocked(join(ws, 'b', 'x'))).toBe(true);
    expect(policy.readRuleFilter()?.isBlocked(join(ws, 'c', 'x'))).toBe(false);
  });
});
