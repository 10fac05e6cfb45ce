import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@claw/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exportSession,
  isValidSessionId,
  newSessionId,
  type SessionError,
  SessionStore,
} from '../../src/session/index.js';

let dir: string;
let store: SessionStore;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-sessions-'));
  store = new SessionStore({ workspaceRoot: dir });
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const usage = {
  input_tokens: 100,
  output_tokens: 20,
  cache_creation_input_tokens: 5,
  cache_read_input_tokens: 50,
};

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter(Boolean);
}

async function caught(promise: Promise<unknown>): Promise<SessionError> {
  try {
    await promise;
  } catch (error) {
    return error as SessionError;
  }
  throw new Error('expected a rejection');
}

describe('append, flush, load', () => {
  it('buffers until flush, then loads messages, usage, cost, todos and title', async () => {
    const session = await store.create({ model: 'claude-sonnet-4-5' });
    expect(session.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    session.append({ type: 'message', message: user('fix the bug') });
    session.append({ type: 'message', message: assistant('done') });
    session.append({ type: 'usage', usage, costUsd: 0.01, model: 'claude-sonnet-4-5' });
    session.append({ type: 'usage', usage, costUsd: 0.02, model: 'claude-sonnet-4-5' });
    session.append({ type: 'todos', todos: [{ content: 'write tests', status: 'in_progress' }] });
    session.append({ type: 'title', title: 'Bug fix' });
    expect(await lines(session.path)).toHaveLength(1); // only meta so far
    await session.flush({ fsync: true });
    const stored = await lines(session.path);
    expect(stored).toHaveLength(7);
    expect(JSON.parse(stored[0] ?? '')).toMatchObject({
      v: 1,
      type: 'meta',
      id: session.id,
      cwd: dir,
      model: 'claude-sonnet-4-5',
    });
    expect(JSON.parse(stored[1] ?? '')).toMatchObject({ v: 1, type: 'message', ts: expect.any(String) });

    const loaded = await session.load();
    expect(loaded.messages).toEqual([user('fix the bug'), assistant('done')]);
    expect(loaded.usageTotals).toEqual({
      input_tokens: 200,
      output_tokens: 40,
      cache_creation_input_tokens: 10,
      cache_read_input_tokens: 100,
    });
    expect(loaded.costTotal).toBeCloseTo(0.03);
    expect(loaded.todos).toEqual([{ content: 'write tests', status: 'in_progress' }]);
    expect(loaded.title).toBe('Bug fix');
    expect(loaded.warnings).toEqual([]);
    await session.close();
  });

  it('a crash after a turn boundary keeps that turn (what is flushed is on disk, the rest is only the current turn)', async () => {
    const session = await store.create({ model: 'm' });
    session.append({ type: 'message', message: user('turn 1') });
    session.append({ type: 'message', message: assistant('answer 1') });
    await session.flush({ fsync: true });
    session.append({ type: 'message', message: user('turn 2 in progress') });
    // Simulated crash: another reader looks at the file without the writer closing.
    const reader = await new SessionStore({ workspaceRoot: dir }).open(session.id, { readOnly: true });
    expect((await reader.load()).messages).toEqual([user('turn 1'), assistant('answer 1')]);
    await session.close();
    expect((await reader.load()).messages).toHaveLength(3);
  });

  it('refuses an invalid event and appends to a closed session', async () => {
    const session = await store.create({ model: 'm' });
    expect(() =>
      session.append({ type: 'message', message: { role: 'system', content: [] } as unknown as Message }),
    ).toThrow(/invalid session event/);
    await session.close();
    expect(() => session.append({ type: 'title', title: 'x' })).toThrow(/closed/);
  });

  it('replays a compaction: summary, the messages it kept, then later messages', async () => {
    const session = await store.create({ model: 'm' });
    for (const m of [user('q1'), assistant('a1'), user('q2'), assistant('a2')])
      session.append({ type: 'message', message: m });
    session.append({ type: 'compaction', summary: 'they talked', replacedCount: 3, trigger: 'auto' });
    session.append({ type: 'message', message: user('q3') });
    const loaded = await session.load();
    expect(loaded.messages).toHaveLength(3);
    expect(loaded.messages[0]?.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('they talked'),
    });
    expect(loaded.messages.slice(1)).toEqual([assistant('a2'), user('q3')]);
    expect(loaded.totalMessageCount).toBe(5);
    expect(loaded.compactions).toBe(1);
    await session.close();
  });
});

describe('damaged files', () => {
  it('cuts a torn last line off when opened for writing, keeps its bytes in <id>.jsonl.torn, and warns once', async () => {
    const session = await store.create({ model: 'm' });
    session.append({ type: 'message', message: user('one') });
    session.append({ type: 'message', message: assistant('two') });
    await session.close();
    const torn = '{"v":1,"type":"message","message":{"role":"us';
    await appendFile(session.path, torn);

    // Viewing changes nothing.
    const loaded = await (await store.open(session.id, { readOnly: true })).load();
    expect(loaded.messages).toEqual([user('one'), assistant('two')]);
    expect(loaded.warnings).toEqual([expect.stringMatching(/torn last line \(4\)/)]);
    expect((await readFile(session.path, 'utf8')).endsWith(torn)).toBe(true);

    const reopened = await store.open(session.id);
    reopened.append({ type: 'message', message: user('three') });
    const after = await reopened.load();
    expect(after.messages).toEqual([user('one'), assistant('two'), user('three')]);
    expect(after.warnings).toEqual([expect.stringMatching(/cut off a torn last line .*\.jsonl\.torn/)]);
    await reopened.close();
    expect(await readFile(`${session.path}.torn`, 'utf8')).toBe(`${torn}\n`);
    for (const line of await lines(session.path)) expect(() => JSON.parse(line)).not.toThrow();

    // The next resume is clean: the warning was a one-off.
    const again = await store.open(session.id);
    expect((await again.load()).warnings).toEqual([]);
    await again.close();
  });

  it('keeps a whole last event that only lacks its newline, and appends after it', async () => {
    const session = await store.create({ model: 'm' });
    await session.close();
    const whole = JSON.stringify({ v: 1, type: 'message', message: user('one'), ts: 't' });
    await appendFile(session.path, whole);
    const reopened = await store.open(session.id);
    reopened.append({ type: 'message', message: assistant('two') });
    const loaded = await reopened.load();
    await reopened.close();
    expect(loaded.messages).toEqual([user('one'), assistant('two')]);
    expect(loaded.warnings).toEqual([]);
    await expect(stat(`${session.path}.torn`)).rejects.toThrow();
  });

  it('skips a garbled middle line and an unknown event with warnings', async () => {
    const session = await store.create({ model: 'm' });
    await session.close();
    const good = (text: string) => JSON.stringify({ v: 1, type: 'message', message: user(text), ts: 't' });
    await appendFile(
      session.path,
      `${good('a')}\n\u0000\u0000garbage\n{"v":1,"type":"mystery"}\n{"v":9,"type":"message"}\n${good('b')}\n`,
    );
    const loaded = await (await store.open(session.id, { readOnly: true })).load();
    expect(loaded.messages).toEqual([user('a'), user('b')]);
    expect(loaded.warnings).toHaveLength(3);
    expect(loaded.warnings[0]).toMatch(/line 3: invalid JSON/);
    expect(loaded.warnings[1]).toMatch(/line 4: unknown event type "mystery"/);
    expect(loaded.warnings[2]).toMatch(/line 5: unsupported format version 9/);
  });
});

function holdLockInChild(lockPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('spawn', async () => {
      const owner = {
        pid: child.pid,
        hostname: hostname(),
        processStartedAt: new Date().toISOString(),
        acquiredAt: new Date().toISOString(),
      };
      await writeFile(lockPath, JSON.stringify(owner)).then(() => resolve(child), reject);
    });
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

describe('locking', () => {
  it('a session held by a live process cannot be opened for writing; a fork can', async () => {
    const session = await store.create({ model: 'm' });
    session.append({ type: 'message', message: user('hello') });
    await session.close();
    await holdLockInChild(join(store.dir, `${session.id}.lock`));

    const error = await caught(store.open(session.id));
    expect(error.kind).toBe('session_locked');
    expect(error.message).toMatch(/being written by process \d+/);
    expect(error.hint).toMatch(/--fork/);

    const fork = await store.open(session.id, { fork: true });
    expect(fork.id).not.toBe(session.id);
    expect(fork.meta.forkedFrom).toBe(session.id);
    expect((await fork.load()).messages).toEqual([user('hello')]);
    await fork.close();
  });

  it('takes over a stale lock whose pid is dead', async () => {
    const session = await store.create({ model: 'm' });
    await session.close();
    const lockPath = join(store.dir, `${session.id}.lock`);
    await writeFile(
      lockPath,
      JSON.stringify({ pid: await deadPid(), hostname: hostname(), acquiredAt: 'x' }),
    );
    const reopened = await store.open(session.id);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    await reopened.close();
    await expect(stat(lockPath)).rejects.toThrow();
  });

  it('a second writer in the same process is refused until the first closes', async () => {
    const session = await store.create({ model: 'm' });
    expect((await caught(new SessionStore({ workspaceRoot: dir }).open(session.id))).kind).toBe(
      'session_locked',
    );
    expect((await caught(store.remove(session.id))).kind).toBe('session_locked');
    await session.close();
    const again = await store.open(session.id);
    await again.close();
  });
});

describe('store', () => {
  it('lists newest first with summaries; resolves latest and prefixes; removes', async () => {
    const ids: string[] = [];
    for (const [i, prompt] of ['first prompt', 'second prompt', 'third prompt'].entries()) {
      const s = await store.create({ model: `model-${i}` });
      s.append({ type: 'message', message: user(prompt) });
      s.append({ type: 'usage', usage, costUsd: 0.5, model: `model-${i}` });
      await s.close();
      const when = new Date(Date.UTC(2026, 0, 1 + i));
      await utimes(s.path, when, when);
      ids.push(s.id);
    }
    // Touch the first one last: it is now the most recently written.
    await utimes(
      join(store.dir, `${ids[0]}.jsonl`),
      new Date(Date.UTC(2026, 1, 1)),
      new Date(Date.UTC(2026, 1, 1)),
    );
    const list = await store.list();
    expect(list.map((s) => s.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(list[0]).toMatchObject({
      messageCount: 1,
      firstPrompt: 'first prompt',
      model: 'model-0',
      costUsd: 0.5,
      locked: false,
    });
    expect(await store.resolveSessionRef('latest')).toBe(ids[0]);
    expect(await store.resolveSessionRef(ids[1]?.slice(0, 20) ?? '')).toBe(ids[1]);
    expect((await caught(store.resolveSessionRef('2'))).kind).toBe('session_ambiguous');
    expect((await caught(store.resolveSessionRef('nope'))).kind).toBe('session_not_found');
    await store.remove(ids[2] ?? '');
    expect((await store.list()).map((s) => s.id)).toEqual([ids[0], ids[1]]);
  });

  it('latest passes over newer sessions without messages (a REPL left without a prompt)', async () => {
    const talked = await store.create({ model: 'm' });
    talked.append({ type: 'message', message: user('hello') });
    await talked.close();
    await utimes(talked.path, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 1)));
    const empty = await store.create({ model: 'm' });
    await empty.close();
    await utimes(empty.path, new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)));
    expect(await store.resolveSessionRef('latest')).toBe(talked.id);
    // Still listed and resumable by id.
    expect((await store.list()).map((s) => s.id)).toEqual([empty.id, talked.id]);
    expect(await store.resolveSessionRef(empty.id)).toBe(empty.id);
  });

  it('latest with only empty sessions is a typed not-found', async () => {
    const empty = await store.create({ model: 'm' });
    await empty.close();
    const error = await caught(store.resolveSessionRef('latest'));
    expect(error.kind).toBe('session_not_found');
    expect(error.message).toContain('no session with messages');
  });

  it('latest in an empty workspace is a typed not-found', async () => {
    expect((await caught(store.resolveSessionRef('latest'))).kind).toBe('session_not_found');
    expect(await store.list()).toEqual([]);
  });

  it.each([
    ['../../etc/passwd', 'path traversal'],
    ['..', 'parent dir'],
    ['a/b', 'slash'],
    ['a\\b', 'backslash'],
    ['.hidden', 'leading dot'],
    ['-rf', 'leading dash'],
    ['x\u0000y', 'NUL'],
    ['', 'empty'],
    ['a'.repeat(200), 'too long'],
    ['id with space', 'space'],
  ])('refuses id %j (%s)', async (ref) => {
    expect(isValidSessionId(ref)).toBe(false);
    expect((await caught(store.open(ref))).kind).toBe('invalid_session_id');
    expect((await caught(store.remove(ref))).kind).toBe('invalid_session_id');
    expect(() => store.pathOf(ref)).toThrow(/invalid session id/);
  });

  it('new ids sort by time and are valid', () => {
    const a = newSessionId(new Date(Date.UTC(2026, 10, 24, 11, 46, 0)));
    expect(a).toMatch(/^20261124-114600-[0-9a-f]{6}$/);
    expect(newSessionId(new Date(Date.UTC(2027, 0, 1))) > a).toBe(true);
    expect(isValidSessionId(a)).toBe(true);
    expect(isValidSessionId('3f2b9c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b')).toBe(true);
  });
});

describe('export', () => {
  it('renders markdown and json', async () => {
    const session = await store.create({ model: 'claude-x' });
    session.append({ type: 'title', title: 'Export me' });
    session.append({ type: 'message', message: user('list files') });
    session.append({
      type: 'message',
      message: {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls ```' } }],
      },
    });
    session.append({
      type: 'message',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't1', content: 'a.txt\nb.txt' }],
      },
    });
    session.append({ type: 'usage', usage, costUsd: 0.25, model: 'claude-x' });
    const md = await exportSession(session, 'markdown');
    expect(md).toContain('# Export me');
    expect(md).toContain('- model: claude-x');
    expect(md).toContain('## User\n\nlist files');
    expect(md).toContain('**Tool call** `Bash`\n\n````json');
    expect(md).toContain('**Tool result**\n\n```\na.txt\nb.txt\n```');
    expect(md).toContain('- cost: $0.2500');
    const json = JSON.parse(await exportSession(session, 'json'));
    expect(json).toMatchObject({
      id: session.id,
      title: 'Export me',
      costUsd: 0.25,
      meta: { model: 'claude-x' },
    });
    expect(json.messages).toHaveLength(3);
    await session.close();
  });
});

describe('performance', () => {
  it('resumes a 5,000-message session well within the budget', async () => {
    const session = await store.create({ model: 'm' });
    for (let i = 0; i < 2500; i++) {
      session.append({ type: 'message', message: user(`question ${i} ${'lorem ipsum '.repeat(20)}`) });
      session.append({
        type: 'message',
        message: {
          role: 'assistant',
          content: [
            { type: 'text', text: `answer ${i}` },
            { type: 'tool_use', id: `t${i}`, name: 'Read', input: { path: `src/file-${i}.ts` } },
          ],
        },
      });
    }
    await session.close();
    const started = performance.now();
    const reopened = await new SessionStore({ workspaceRoot: dir }).open(session.id);
    const loaded = await reopened.load();
    const elapsed = performance.now() - started;
    expect(loaded.messages).toHaveLength(5000);
    expect(elapsed).toBeLessThan(1500); // the bench holds the 500 ms budget; CI machines vary
    await reopened.close();
  });
});
