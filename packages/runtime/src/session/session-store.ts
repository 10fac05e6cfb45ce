import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { Session } from './session.js';
import { SessionError } from './session-errors.js';
import { type MetaEvent, SESSION_FORMAT_VERSION } from './session-events.js';
import { isValidSessionId, newSessionId } from './session-id.js';
import { acquireSessionLock, inspectLock } from './session-lock.js';
import { readSessionFile } from './session-reader.js';
import { replaySessionEvents } from './session-replay.js';
import { repairTornTail } from './torn-tail.js';

export interface SessionStoreOptions {
  workspaceRoot: string;
  /** Injected for tests. */
  now?: () => Date;
  hostname?: string;
  /** Passed to every session opened for writing: see `SessionInit.redact`. */
  redact?: (text: string) => string;
}

export interface SessionSummary {
  id: string;
  path: string;
  createdAt: string;
  /** File modification time. */
  updatedAt: string;
  messageCount: number;
  title?: string;
  firstPrompt?: string;
  model?: string;
  /** Undefined when a request of the session used a model without a known price. */
  costUsd: number | undefined;
  forkedFrom?: string;
  /** Another live process is writing it. */
  locked: boolean;
}

export interface OpenSessionOptions {
  /** Continue in a new session (a copy with `forkedFrom`) instead of writing this one; needs no lock. */
  fork?: boolean;
  /** Open without the lock, for viewing and export; `append` throws. */
  readOnly?: boolean;
  /** Model for a fork's meta line (defaults to the source's). */
  model?: string;
}

function notFound(ref: string): SessionError {
  return new SessionError(
    'session_not_found',
    `no session matches "${ref}" in this workspace`,
    'list them with `claw sessions`',
  );
}

/** Sessions of one workspace: `<workspace>/.claw/sessions/<id>.jsonl`. */
export class SessionStore {
  readonly dir: string;
  private readonly workspaceRoot: string;
  private readonly now: () => Date;
  private readonly host: string;
  private readonly redact: ((text: string) => string) | undefined;

  constructor(options: SessionStoreOptions) {
    this.workspaceRoot = options.workspaceRoot;
    this.dir = join(options.workspaceRoot, '.claw', 'sessions');
    this.now = options.now ?? (() => new Date());
    this.host = options.hostname ?? osHostname();
    this.redact = options.redact;
  }

  pathOf(id: string): string {
    if (!isValidSessionId(id)) {
      throw new SessionError(
        'invalid_session_id',
        `invalid session id "${id}"`,
        'ids contain only letters, digits, - and _',
      );
    }
    return join(this.dir, `${id}.jsonl`);
  }

  private lockPathOf(id: string): string {
    return join(this.dir, `${id}.lock`);
  }

  /** Starts a new session: writes its meta line (fsync'd) and holds its lock. */
  async create(options: { model: string; cwd?: string; id?: string; forkedFrom?: string }): Promise<Session> {
    const id = options.id ?? newSessionId(this.now());
    const path = this.pathOf(id);
    await mkdir(this.dir, { recursive: true });
    const lock = await acquireSessionLock(this.lockPathOf(id), id, this.host);
    try {
      const handle = await open(path, 'wx', 0o600);
      const meta: MetaEvent = {
        v: SESSION_FORMAT_VERSION,
        type: 'meta',
        id,
        createdAt: this.now().toISOString(),
        cwd: options.cwd ?? this.workspaceRoot,
        model: options.model,
      };
      if (options.forkedFrom) meta.forkedFrom = options.forkedFrom;
      await handle.appendFile(`${JSON.stringify(meta)}\n`);
      await handle.sync();
      return new Session({ id, path, meta, writer: { handle, lock }, now: this.now, redact: this.redact });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Opens `latest`, an id or a unique id prefix: for writing (takes the lock), read-only, or as a fork. */
  async open(ref: string, options: OpenSessionOptions = {}): Promise<Session> {
    const id = await this.resolveSessionRef(ref);
    const path = this.pathOf(id);
    const { events, endsWithNewline } = await readSessionFile(path);
    const meta = events.find((e): e is MetaEvent => e.type === 'meta') ?? {
      v: SESSION_FORMAT_VERSION,
      type: 'meta' as const,
      id,
      createdAt: (await stat(path)).birthtime.toISOString(),
      cwd: this.workspaceRoot,
      model: options.model ?? 'unknown',
    };

    if (options.fork) {
      const fork = await this.create({ model: options.model ?? meta.model, cwd: meta.cwd, forkedFrom: id });
      for (const event of events) {
        if (event.type === 'meta') continue;
        const { v: _v, ...rest } = event;
        fork.append(rest);
      }
      await fork.flush({ fsync: true });
      return fork;
    }
    if (options.readOnly) return new Session({ id, path, meta, now: this.now });

    const lock = await acquireSessionLock(this.lockPathOf(id), id, this.host);
    try {
      // After a torn write the file ends mid-line: repaired under the lock, before anything is appended.
      const tornWarning = endsWithNewline ? undefined : await repairTornTail(path);
      const handle = await open(path, 'a');
      return new Session({
        id,
        path,
        meta,
        writer: { handle, lock },
        now: this.now,
        redact: this.redact,
        ...(tornWarning ? { openWarnings: [tornWarning] } : {}),
      });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => name.slice(0, -'.jsonl'.length))
      .filter(isValidSessionId);
  }

  /**
   * `latest` → the most recently written session that holds a message; otherwise an exact id or a unique
   * prefix. Refuses anything that is not id-shaped before touching the file system.
   */
  async resolveSessionRef(ref: string): Promise<string> {
    if (ref !== 'latest' && !isValidSessionId(ref)) {
      throw new SessionError(
        'invalid_session_id',
        `invalid session id "${ref}"`,
        'ids contain only letters, digits, - and _',
      );
    }
    const ids = await this.ids();
    if (ref === 'latest') {
      const times = await Promise.all(
        ids.map(async (id) => ({ id, mtime: (await stat(this.pathOf(id))).mtimeMs })),
      );
      times.sort((a, b) => b.mtime - a.mtime || b.id.localeCompare(a.id));
      // A REPL opened and left without a prompt leaves a session with no messages: `--continue` means the
      // last conversation, so those are passed over (they stay listed and resumable by id).
      for (const { id } of times) if (await hasConversation(this.pathOf(id))) return id;
      throw new SessionError(
        'session_not_found',
        times.length === 0
          ? 'no sessions in this workspace yet'
          : 'no session with messages in this workspace yet',
        'start one with `claw`',
      );
    }
    if (ids.includes(ref)) return ref;
    const matches = ids.filter((id) => id.startsWith(ref));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length === 0) throw notFound(ref);
    throw new SessionError(
      'session_ambiguous',
      `"${ref}" matches ${matches.length} sessions`,
      `use more of the id: ${matches.slice(0, 3).join(', ')}`,
    );
  }

  /** Every session of the workspace, most recently written first. */
  async list(): Promise<SessionSummary[]> {
    const ids = await this.ids();
    const summaries = await Promise.all(
      ids.map(async (id): Promise<SessionSummary> => {
        const path = this.pathOf(id);
        const [info, read, lock] = await Promise.all([
          stat(path),
          readSessionFile(path),
          inspectLock(this.lockPathOf(id), this.host),
        ]);
        const state = replaySessionEvents(read.events);
        const summary: SessionSummary = {
          id,
          path,
          createdAt: state.meta?.createdAt ?? info.birthtime.toISOString(),
          updatedAt: info.mtime.toISOString(),
          messageCount: state.totalMessageCount,
          costUsd: state.costTotal,
          locked: lock !== undefined && !lock.stale,
        };
        if (state.title !== undefined) summary.title = state.title;
        if (state.firstPrompt !== undefined) summary.firstPrompt = state.firstPrompt.slice(0, 200);
        if (state.meta?.model) summary.model = state.meta.model;
        if (state.meta?.forkedFrom) summary.forkedFrom = state.meta.forkedFrom;
        return summary;
      }),
    );
    return summaries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
  }

  /** Deletes a session; refused while a live process holds it. */
  async remove(ref: string): Promise<string> {
    const id = await this.resolveSessionRef(ref);
    const lockPath = this.lockPathOf(id);
    const lock = await inspectLock(lockPath, this.host);
    if (lock && !lock.stale) {
      throw new SessionError(
        'session_locked',
        `session ${id} is in use by process ${lock.owner?.pid ?? '?'}`,
        'close that claw first',
      );
    }
    await unlink(this.pathOf(id));
    if (lock) await unlink(lockPath).catch(() => undefined);
    // The bytes of a torn line cut off when it was resumed go with it.
    await unlink(`${this.pathOf(id)}.torn`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    return id;
  }
}

/** How much of a session file is read to find its first message. */
const CONVERSATION_PROBE_BYTES = 64 * 1024;

/**
 * Whether a session holds at least one message, read from the file's start only: a file larger than the probe
 * holds more than its metadata, and resuming a long session must not cost a second full read.
 */
async function hasConversation(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CONVERSATION_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === buffer.length) return true;
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .split('\n')
      .some((line) => isMessageLine(line));
  } finally {
    await handle.close();
  }
}

function isMessageLine(line: string): boolean {
  if (!line.includes('"message"')) return false;
  try {
    return (JSON.parse(line) as { type?: unknown }).type === 'message';
  } catch {
    // A torn last line is not a message; the reader reports it when the session is opened.
    return false;
  }
}
