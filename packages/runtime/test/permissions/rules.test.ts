import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBashCommand, createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import { matchCommandPattern } from '../../src/permissions/bash-rules.js';
import { parsePermissionMode } from '../../src/permissions/mode.js';
import { PermissionSettingsError, persistAllowRule } from '../../src/permissions/persist.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';
import { PermissionConfigError } from '../../src/permissions/rule-set.js';
import { PermissionRuleError, parsePermissionRule } from '../../src/permissions/rules.js';

describe('parsePermissionMode', () => {
  it.each([
    ['read-only', 'read-only'],
    ['workspace-write', 'workspace-write'],
    ['danger-full-access', 'danger-full-access'],
    ['prompt', 'prompt'],
    ['plan', 'read-only'],
    ['acceptEdits', 'workspace-write'],
    ['bypassPermissions', 'danger-full-access'],
    ['default', 'prompt'],
  ])('%s → %s', (input, mode) => {
    expect(parsePermissionMode(input)).toBe(mode);
  });

  it('names the accepted values', () => {
    expect(() => parsePermissionMode('yolo')).toThrow(/read-only, workspace-write, .*plan, acceptEdits/);
    expect(() => parsePermissionMode('toString')).toThrow(/Unknown permission mode/);
  });
});

describe('parsePermissionRule', () => {
  const aliases = { bash: 'Bash', read_file: 'Read' };
  it.each([
    ['Bash', { tool: 'Bash', matcher: { kind: 'any' } }],
    ['bash(ls)', { tool: 'Bash', matcher: { kind: 'command', pattern: 'ls' } }],
    ['Bash(npm run test:*)', { tool: 'Bash', matcher: { kind: 'command', pattern: 'npm run test:*' } }],
    ['read_file(./secrets/**)', { tool: 'Read', matcher: { kind: 'path', pattern: './secrets/**' } }],
    [
      'WebFetch(domain:Example.com)',
      { tool: 'WebFetch', matcher: { kind: 'domain', domain: 'example.com' } },
    ],
    ['mcp__github', { tool: 'mcp__github', matcher: { kind: 'mcp-server', server: 'github' } }],
    ['mcp__github__*', { tool: 'mcp__github', matcher: { kind: 'mcp-server', server: 'github' } }],
    ['mcp__github__create_issue', { tool: 'mcp__github__create_issue', matcher: { kind: 'any' } }],
    ['Task(reviewer)', { tool: 'Task', matcher: { kind: 'subject', pattern: 'reviewer' } }],
  ])('%s', (text, parsed) => {
    expect(parsePermissionRule(text, aliases)).toMatchObject(parsed);
  });

  it.each([
    ['', 'empty'],
    ['Bash(', 'end with'],
    ['Bash()', 'empty'],
    ['Bash(npm:* && x)', 'only allowed at the end'],
    ['WebFetch(example.com)', 'domain:'],
    ['WebFetch(domain:exa mple.com)', 'not a host name'],
    ['mcp__github(x)', 'no ( ) specifier'],
    ['Read(~bob/x)', '~user'],
    ['1Bad', 'not a tool name'],
  ])('rejects %j (%s)', (text, reason) => {
    expect(() => parsePermissionRule(text)).toThrow(PermissionRuleError);
    expect(() => parsePermissionRule(text)).toThrow(reason);
  });
});

describe('matchCommandPattern', () => {
  it.each([
    ['npm run test:*', 'npm run test', true],
    ['npm run test:*', 'npm run test -- --watch', true],
    ['npm run test:*', 'npm run testx', false],
    ['git diff *', 'git diff', true],
    ['git diff *', 'git  diff   HEAD', true],
    ['git diff *', 'git difftool', false],
    ['* --version', 'node --version', true],
    ['npm test', 'npm test', true],
    ['npm test', 'npm test x', false],
  ])('%s vs %s → %s', (pattern, command, expected) => {
    expect(matchCommandPattern(pattern, command)).toBe(expected);
  });
});

describe('policy configuration', () => {
  const base = {
    mode: 'workspace-write' as const,
    workspaceRoot: tmpdir(),
    analyzeBash: createBashAnalyzer().analyze,
  };

  it('stops on a deny rule that does not parse', () => {
    const make = () =>
      createPermissionPolicy({
        ...base,
        rules: [{ behavior: 'deny', rule: 'Bash(', source: '/p/.claw/settings.json' }],
      });
    expect(make).toThrow(PermissionConfigError);
    expect(make).toThrow(/Bash\(.*\/p\/\.claw\/settings\.json/);
  });

  it('drops a bad allow rule with a warning', () => {
    const policy = createPermissionPolicy({
      ...base,
      rules: [{ behavior: 'allow', rule: 'WebFetch(x)', source: 'cli' }],
    });
    expect(policy.warnings.map((w) => w.rule)).toEqual(['WebFetch(x)']);
  });

  it('adds session rules', () => {
    const policy = createPermissionPolicy({ ...base, rules: [] });
    const check = {
      toolName: 'WebFetch',
      input: { url: 'https://example.com' },
      requiredLevel: 'danger-full-access' as const,
    };
    expect(policy.evaluate(check).behavior).toBe('ask');
    policy.addSessionRule('WebFetch(domain:example.com)');
    expect(policy.evaluate(check)).toMatchObject({ behavior: 'allow', rule: { source: 'session' } });
  });

  it('fails safe before the bash parser is initialised', () => {
    const analyzer = createBashAnalyzer();
    expect(analyzer.classify('ls')).toBe('danger-full-access');
  });
});

describe('analyzeBashCommand', () => {
  it('reports commands, redirects and substitutions', async () => {
    const analysis = await analyzeBashCommand('timeout 5 grep -r x src > out.txt && echo $(id)');
    expect(analysis.commands.map((c) => c.argv.join(' '))).toEqual([
      'timeout 5 grep -r x src',
      'grep -r x src',
      'id',
      'echo $(id)',
    ]);
    expect(analysis.redirects).toEqual([{ op: '>', target: 'out.txt', dynamic: false, write: true }]);
    expect(analysis.hasSubstitution).toBe(true);
    expect(analysis.readOnly).toBe(false);
    expect(analysis.reasons).toContain('output is redirected to out.txt');
  });

  it('initialises once and then classifies synchronously', async () => {
    const analyzer = createBashAnalyzer();
    await analyzer.init();
    expect(analyzer.ready).toBe(true);
    expect(analyzer.classify('git log --oneline | head')).toBe('read-only');
    expect(analyzer.classify('npm install')).toBe('danger-full-access');
  });
});

describe('persistAllowRule', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'claw-persist-'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('creates the file, keeps other keys and does not duplicate', async () => {
    mkdirSync(join(workspace, '.claw'), { recursive: true });
    const file = join(workspace, '.claw', 'settings.local.json');
    writeFileSync(
      file,
      JSON.stringify({ model: 'x', permissions: { deny: ['Bash(rm:*)'], allow: ['Read'] } }),
    );
    await persistAllowRule(workspace, 'Bash(npm test)');
    await persistAllowRule(workspace, 'Bash(npm test)');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      model: 'x',
      permissions: { deny: ['Bash(rm:*)'], allow: ['Read', 'Bash(npm test)'] },
    });
  });

  it('refuses to overwrite a file that is not JSON', async () => {
    const other = mkdtempSync(join(tmpdir(), 'claw-persist-bad-'));
    mkdirSync(join(other, '.claw'));
    writeFileSync(join(other, '.claw', 'settings.local.json'), '{ nope');
    await expect(persistAllowRule(other, 'Read')).rejects.toBeInstanceOf(PermissionSettingsError);
    expect(readFileSync(join(other, '.claw', 'settings.local.json'), 'utf8')).toBe('{ nope');
    rmSync(other, { recursive: true, force: true });
  });

  it('rejects a bad rule', async () => {
    await expect(persistAllowRule(workspace, 'Bash(')).rejects.toBeInstanceOf(PermissionRuleError);
  });
});
