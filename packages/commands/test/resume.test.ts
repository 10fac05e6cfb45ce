import { describe, expect, it } from 'vitest';
import { type CommandServices, createCommandRegistry } from '../src/index.js';
import { fakeEngine } from './fake-engine.js';

const registry = createCommandRegistry();
const CURRENT = 'sess-0001';

/** The runtime's resolution, as the REPL's service supplies it: `latest`, an exact id or a unique prefix. */
const sessions = [
  { id: CURRENT, updatedAt: '2025-01-03T00:00:00Z', title: 'this one' },
  { id: 'sess-1002', updatedAt: '2025-01-02T00:00:00Z', title: 'older' },
];
const services: CommandServices = {
  listSessions: async () => sessions,
  resolveSession: async (ref) => {
    if (ref === 'latest') return CURRENT;
    const matches = sessions.filter((s) => s.id.startsWith(ref));
    if (matches.length !== 1) throw new Error(`"${ref}" matches ${matches.length} sessions`);
    return (matches[0] as { id: string }).id;
  },
};

async function resume(line: string, withServices: CommandServices = services) {
  const engine = fakeEngine();
  const out = await registry.execute(line, {
    engine,
    services: withServices,
    signal: new AbortController().signal,
  });
  return { out, calls: engine.calls, sessionId: engine.sessionId };
}

describe('/resume', () => {
  it.each([
    ['the current id', `/resume ${CURRENT}`],
    ['latest, when it is the current session', '/resume latest'],
    ['a unique prefix of the current id', '/resume sess-0'],
  ])('of %s says so instead of reopening it', async (_what, line) => {
    const { out, calls } = await resume(line);
    expect(calls).toEqual([]);
    expect(out).toEqual({
      text: `Already in session ${CURRENT} (2 messages).`,
      json: { session_id: CURRENT, messages: 2, already_current: true },
    });
  });

  it('recognises the current id without a resolving service', async () => {
    const { out, calls } = await resume(`/resume ${CURRENT}`, {});
    expect(calls).toEqual([]);
    expect(out.text).toBe(`Already in session ${CURRENT} (2 messages).`);
  });

  it('switches to another session by its resolved id', async () => {
    const { out, calls, sessionId } = await resume('/resume sess-1002');
    expect(calls).toEqual(['resume:sess-1002']);
    expect(sessionId).toBe('sess-1002');
    expect(out.text).toBe('Resumed session sess-1002 (2 messages).');
  });

  it('reports a reference that names no single session', async () => {
    const { out, calls } = await resume('/resume sess');
    expect(calls).toEqual([]);
    expect(out).toEqual({ text: '"sess" matches 2 sessions', isError: true });
  });

  it('marks the current session in the list', async () => {
    const { out } = await resume('/resume');
    expect(out.text).toBe(
      [
        `${CURRENT}  2025-01-03T00:00:00Z  this one  (current)`,
        'sess-1002  2025-01-02T00:00:00Z  older',
        '',
        'Use /resume <id> to switch.',
      ].join('\n'),
    );
    expect(out.json).toEqual({ sessions, current_session_id: CURRENT });
  });
});
