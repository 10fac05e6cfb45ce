import { describe, expect, it } from 'vitest';
import {
  type CommandContext,
  type CommandServices,
  createCommandRegistry,
  type DoctorCheck,
  type LoginMethod,
} from '../src/index.js';
import { fakeEngine } from './fake-engine.js';

const registry = createCommandRegistry();

function context(services: CommandServices): CommandContext {
  return { engine: fakeEngine(), services, signal: new AbortController().signal };
}

class HintedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

describe('/init', () => {
  it('reports each file as claw init does, with the report as JSON', async () => {
    const report = {
      workspace: '/ws',
      items: [
        { path: '/ws/.claw/settings.json', action: 'created' as const, reason: 'new project settings' },
        { path: '/ws/CLAW.md', action: 'skipped' as const, reason: 'already exists' },
        { path: '/ws/.gitignore', action: 'updated' as const, reason: 'added .claw/sessions/' },
      ],
    };
    const out = await registry.execute('/init', context({ initWorkspace: async () => report }));
    expect(out.text).toBe(
      [
        'created  /ws/.claw/settings.json — new project settings',
        'skipped  /ws/CLAW.md — already exists',
        'updated  /ws/.gitignore — added .claw/sessions/',
      ].join('\n'),
    );
    expect(out.json).toEqual(report);
    expect(out.isError).toBeUndefined();
  });

  it('turns a failure into an error output with its hint', async () => {
    const out = await registry.execute(
      '/init',
      context({
        initWorkspace: async () => {
          throw new HintedError('/ws does not exist', 'Run claw in a project directory.');
        },
      }),
    );
    expect(out).toEqual({ text: '/ws does not exist\nRun claw in a project directory.', isError: true });
  });
});

describe('/doctor', () => {
  const checks: DoctorCheck[] = [
    { name: 'Node.js', status: 'ok', detail: 'v20.18.0', details: ['hidden on success'] },
    { name: 'Settings files', status: 'warn', detail: '1 invalid entry', details: ['/ws/.claw.json: x'] },
    { name: 'ripgrep', status: 'info', detail: 'not found; built-in search is used' },
  ];

  it('prints a line per check, details under problems only, and a verdict', async () => {
    const out = await registry.execute('/doctor', context({ doctor: async () => checks }));
    expect(out.text).toBe(
      [
        '✓ Node.js         v20.18.0',
        '! Settings files  1 invalid entry',
        '      /ws/.claw.json: x',
        '· ripgrep         not found; built-in search is used',
        '',
        'All checks passed (1 warning(s)).',
      ].join('\n'),
    );
    expect(out.isError).toBe(false);
    expect(out.json).toEqual({ checks });
  });

  it('is an error when a check fails', async () => {
    const failing: DoctorCheck[] = [...checks, { name: 'Sessions', status: 'fail', detail: 'not writable' }];
    const out = await registry.execute('/doctor', context({ doctor: async () => failing }));
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/✗ Sessions +not writable\n\n1 check\(s\) failed, 1 warning\(s\), 1 passed\.$/);
  });

  it('passes the command signal to the service', async () => {
    let seen: AbortSignal | undefined;
    const ctx = context({
      doctor: async (signal) => {
        seen = signal;
        return [];
      },
    });
    await registry.execute('/doctor', ctx);
    expect(seen).toBe(ctx.signal);
  });
});

describe('/login and /logout', () => {
  function recordingLogin() {
    const methods: Array<LoginMethod | undefined> = [];
    const services: CommandServices = {
      login: async (method) => {
        methods.push(method);
        return `Signed in with ${method ?? 'the default method'}.`;
      },
    };
    return { methods, services };
  }

  it.each([
    ['/login', undefined],
    ['/login oauth', 'oauth'],
    ['/login api-key', 'api-key'],
  ] as const)('%s asks the service for %s', async (line, method) => {
    const { methods, services } = recordingLogin();
    const out = await registry.execute(line, context(services));
    expect(methods).toEqual([method]);
    expect(out).toEqual({ text: `Signed in with ${method ?? 'the default method'}.` });
  });

  it('refuses an unknown method without echoing it (it may be a pasted key)', async () => {
    const { methods, services } = recordingLogin();
    const out = await registry.execute('/login sk-ant-api03-secret', context(services));
    expect(methods).toEqual([]);
    expect(out.isError).toBe(true);
    expect(out.text).not.toContain('sk-ant');
    expect(out.text).toContain('Usage: /login [oauth|api-key]');
  });

  it('reports a failed sign-in with its hint', async () => {
    const out = await registry.execute(
      '/login oauth',
      context({
        login: async () => {
          throw new HintedError('OAuth sign-in needs a client id.', 'Set oauth.clientId in settings.');
        },
      }),
    );
    expect(out).toEqual({
      text: 'OAuth sign-in needs a client id.\nSet oauth.clientId in settings.',
      isError: true,
    });
  });

  it('completes the login methods', async () => {
    expect(await registry.complete('/login a', { services: {} })).toEqual({
      from: 7,
      candidates: ['api-key'],
    });
  });

  it('logs out through the service', async () => {
    const out = await registry.execute(
      '/logout',
      context({ logout: async () => 'Removed stored credentials.' }),
    );
    expect(out).toEqual({ text: 'Removed stored credentials.' });
  });
});
