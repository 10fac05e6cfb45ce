import { describe, expect, it } from 'vitest';
import { type CommandContext, createCommandRegistry } from '../src/index.js';
import { fakeEngine, fakeServices } from './fake-engine.js';

const REQUIRED = [
  'help',
  'status',
  'cost',
  'usage',
  'model',
  'permissions',
  'config',
  'memory',
  'init',
  'compact',
  'clear',
  'resume',
  'session',
  'export',
  'diff',
  'todos',
  'hooks',
  'mcp',
  'skills',
  'agents',
  'plugins',
  'doctor',
  'login',
  'logout',
  'version',
  'exit',
];

function context(): CommandContext & { engine: ReturnType<typeof fakeEngine>; events: unknown[] } {
  const events: unknown[] = [];
  return {
    engine: fakeEngine(),
    services: fakeServices,
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
    events,
  };
}

describe('command registry', () => {
  const registry = createCommandRegistry();

  it('has every command the spec names, each with a summary and help', () => {
    expect(registry.list().map((c) => c.name)).toEqual(REQUIRED);
    for (const name of REQUIRED) {
      const help = registry.help(name);
      expect(help, name).toContain(`/${name} — `);
      expect(help, name).toMatch(/Usage: \//);
    }
    const all = registry.help();
    for (const name of REQUIRED) expect(all).toContain(`/${name}`);
  });

  it('finds commands by alias, case-insensitively', () => {
    expect(registry.find('quit')?.name).toBe('exit');
    expect(registry.find('/RESET')?.name).toBe('clear');
    expect(registry.find('nope')).toBeUndefined();
  });

  it.each([
    ['/', 0, REQUIRED.length],
    ['/co', 0, 3], // compact, config, cost (+ alias continue)
    ['/mo', 0, 1],
  ])('completes command names for %j', async (line, from, min) => {
    const completion = await registry.complete(line, { services: fakeServices });
    expect(completion.from).toBe(from);
    expect(completion.candidates.length).toBeGreaterThanOrEqual(min);
    for (const c of completion.candidates) expect(c.startsWith(line)).toBe(true);
  });

  it.each([
    ['/model o', 7, ['opus']],
    ['/model ', 7, ['opus', 'sonnet', 'haiku', 'claude-opus-5-5']],
    ['/resume ab', 8, ['abc123', 'abd999']],
    ['/resume l', 8, ['latest']],
    ['/permissions re', 13, ['read-only']],
    ['/help mo', 6, ['model']],
    ['/config s', 8, ['set']],
    ['/cost x', 7, []],
  ])('completes arguments for %j', async (line, from, candidates) => {
    expect(await registry.complete(line, { services: fakeServices })).toEqual({ from, candidates });
  });

  it('reports state as text and JSON', async () => {
    const ctx = context();
    const cost = await registry.execute('/cost', ctx);
    expect(cost.text).toContain('$0.0123');
    expect(cost.json).toMatchObject({ total_cost_usd: 0.0123, requests: 2, context_window: 200_000 });
    const status = await registry.execute('/status', ctx);
    expect(status.text).toContain('workspace-write');
    expect(status.json).toMatchObject({ model: 'claude-sonnet-5-5' });
  });

  it('switches model and permission mode, reporting bad values as errors', async () => {
    const ctx = context();
    expect((await registry.execute('/model opus', ctx)).text).toBe('Model set to claude-opus-5-5');
    expect(await registry.execute('/model nope', ctx)).toMatchObject({
      isError: true,
      text: 'Unknown model "nope".',
    });
    const shown = await registry.execute('/permissions', ctx);
    expect(shown.text).toContain('Deny:\n  Read(./secrets/**)  (/ws/.claw/settings.json)');
    expect(shown.text).toContain('Allow:\n  Bash(npm test:*)  (cli)');
    expect(shown.json).toMatchObject({ rules: [{ behavior: 'deny' }, { behavior: 'allow' }] });
    expect((await registry.execute('/permissions plan', ctx)).text).toBe('Permission mode set to read-only');
    expect((await registry.execute('/permissions bogus', ctx)).isError).toBe(true);
  });

  it('compacts through the engine with the context signal and events', async () => {
    const ctx = context();
    const out = await registry.execute('/compact keep the API', ctx);
    expect(ctx.engine.calls).toEqual(['compact:keep the API']);
    expect(ctx.events).toEqual([{ type: 'compaction' }]);
    expect(out.json).toMatchObject({ compacted: true, replacedCount: 4 });
  });

  it('resumes, clears and exits with actions for the front end', async () => {
    const ctx = context();
    expect((await registry.execute('/resume', ctx)).text).toContain('abc123');
    expect((await registry.execute('/resume abc123', ctx)).text).toBe('Resumed session abc123 (2 messages).');
    expect((await registry.execute('/clear', ctx)).action).toBe('clear');
    expect((await registry.execute('/exit', ctx)).action).toBe('exit');
  });

  it('says when a service is missing instead of failing', async () => {
    const ctx = { ...context(), services: {} };
    expect(await registry.execute('/login', ctx)).toMatchObject({
      isError: true,
      text: 'Login is not available here.',
    });
    expect((await registry.execute('/export', ctx)).text).toContain('## assistant');
  });

  it('lists inventories, diffs and todos', async () => {
    const ctx = context();
    expect((await registry.execute('/skills', ctx)).text).toBe('skills-one — first [project]');
    expect((await registry.execute('/diff --stat', ctx)).text).toBe('diff --stat');
    expect((await registry.execute('/todos', ctx)).text).toBe('[~] write tests');
  });

  it('rejects unknown commands with a hint', async () => {
    const out = await registry.execute('/modle', context());
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toContain('Did you mean /model?');
  });
});

describe('custom commands', () => {
  const registry = createCommandRegistry({
    customCommands: [
      {
        name: 'review',
        description: 'Review a file',
        argumentHint: '<file>',
        expand: async (a) => `Review ${a}`,
      },
      { name: 'clear', description: 'must not shadow', expand: async () => 'x' },
      {
        name: 'triage',
        description: 'front matter',
        model: 'haiku',
        allowedTools: ['Read', 'Bash(git status:*)'],
        expand: async () => 'Triage',
      },
    ],
  });

  it("carry the front matter's model and allowed-tools as that prompt's overrides", async () => {
    const out = await registry.execute('/triage', context());
    expect(out).toEqual({
      action: 'submit',
      prompt: 'Triage',
      turn: { model: 'haiku', allowRules: ['Read', 'Bash(git status:*)'] },
    });
  });

  it('expand into a prompt the front end submits', async () => {
    const out = await registry.execute('/review src/a.ts', context());
    expect(out).toEqual({ action: 'submit', prompt: 'Review src/a.ts' });
  });

  it('never shadow built-ins and are listed separately in help', async () => {
    expect(registry.find('clear')?.custom).toBeUndefined();
    expect(registry.help()).toMatch(/Custom commands:\n {2}\/review <file>/);
    expect((await registry.complete('/rev', { services: {} })).candidates).toEqual(['/review']);
  });
});

describe('/config set', () => {
  const registry = createCommandRegistry();
  const written: string[] = [];
  const withConfig = (): CommandContext => ({
    ...context(),
    services: {
      ...fakeServices,
      configSet: async (key, value, scope) => {
        written.push(`${scope}:${key}=${value}`);
        return `/ws/.claw/settings${scope === 'local' ? '.local' : ''}.json`;
      },
    },
  });

  it.each([
    ['/config set model opus', 'local:model=opus', '/ws/.claw/settings.local.json (local scope)'],
    [
      '/config set model opus --scope project',
      'project:model=opus',
      '/ws/.claw/settings.json (project scope)',
    ],
  ])('%s writes %s and names the file', async (line, expected, file) => {
    written.length = 0;
    const out = await registry.execute(line, withConfig());
    expect(written).toEqual([expected]);
    expect(out.text).toContain(file);
  });
});
