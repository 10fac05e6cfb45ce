import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { onProcessExit } from './exit-cleanup.js';
import { redactStrings } from './redact-strings.js';
import { SessionError } from './session-errors.js';
import {
  type MetaEvent,
  SESSION_FORMAT_VERSION,
  type SessionEvent,
  type SessionEventInput,
  SessionEventSchema,
} from './session-events.js';
import type { SessionLock } from './session-lock.js';
import { readSessionFile } from './session-reader.js';
import { type LoadedSession, replaySessionEvents } from './session-replay.js';

/** Buffered lines beyond this are written out without waiting for the turn boundary (not fsync'd). */
const AUTO_FLUSH_BYTES = 256 * 1024;

export interface SessionInit {
  id: string;
  path: string;
  meta: MetaEvent;
  /** Absent for a read-only session (`claw sessions show`, export). */
  writer?: { handle: FileHandle; lock: SessionLock };
  now?: () => Date;
  /** Applied to every string of every event before it is stored: claw's credentials never reach the file. */
  redact?: (text: string) => string;
  /** What opening the file repaired (a torn last line cut off), reported by the first `load`. */
  openWarnings?: string[];
}

/**
 * One session file. `append` only buffers; `flush({ fsync: true })` at each turn boundary makes the turn
 * durable, so a crash loses at most the turn in progress. Buffered lines are also written on process exit.
 */
export class Session {
  readonly id: string;
  readonly path: string;
  readonly meta: MetaEvent;
  private buffer: string[] = [];
  private bufferedBytes = 0;
  /** Bytes were written since the last fsync. */
  private unsynced = false;
  private writer: SessionInit['writer'];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private backgroundError: unknown;
  private readonly now: () => Date;
  private readonly redact: ((text: string) => string) | undefined;
  private readonly unregisterExit: (() => void) | undefined;
  private openWarnings: string[];

  constructor(init: SessionInit) {
    this.id = init.id;
    this.path = init.path;
    this.meta = init.meta;
    this.writer = init.writer;
    this.now = init.now ?? (() => new Date());
    this.redact = init.redact;
    this.openWarnings = init.openWarnings ?? [];
    if (this.writer) this.unregisterExit = onProcessExit(() => this.flushSync());
  }

  get writable(): boolean {
    return this.writer !== undefined && !this.closed;
  }

  /** Adds an event (validated) to the write buffer and returns the line as stored. */
  append(event: SessionEventInput): SessionEvent {
    if (!this.writer || this.closed) {
      throw new SessionError(
        'session_closed',
        `session ${this.id} is ${this.closed ? 'closed' : 'open read-only'}`,
        'open it for writing (without --fork it takes the lock)',
      );
    }
    const stamped = { ...event, v: SESSION_FORMAT_VERSION, ts: event.ts ?? this.now().toISOString() };
    const line = this.redact ? redactStrings(stamped, this.redact) : stamped;
    const parsed = SessionEventSchema.safeParse(line);
    if (!parsed.success) {
      // A caller bug; writing it would make the session unreadable later.
      throw new TypeError(`invalid session event ${event.type}: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const text = `${JSON.stringify(line)}\n`;
    this.buffer.push(text);
    this.bufferedBytes += text.length;
    if (this.bufferedBytes >= AUTO_FLUSH_BYTES) {
      // Nobody awaits this write; a failure is kept and thrown by the next flush (the turn boundary).
      this.flush().catch((error: unknown) => {
        this.backgroundError ??= error;
      });
    }
    return line as SessionEvent;
  }

  /** Writes buffered lines; with `fsync` they are on disk when this resolves. Writes are serialized. */
  flush(options: { fsync?: boolean } = {}): Promise<void> {
    const run = async (): Promise<void> => {
      const failed = this.backgroundError;
      if (failed !== undefined) {
        this.backgroundError = undefined;
        throw failed;
      }
      const writer = this.writer;
      if (!writer) return;
      if (this.buffer.length > 0) {
        const text = this.buffer.join('');
        this.buffer = [];
        this.bufferedBytes = 0;
        await writer.handle.appendFile(text, 'utf8');
        this.unsynced = true;
      }
      // fsync costs tens of milliseconds on some disks; there is nothing to sync when nothing was written.
      if (options.fsync && this.unsynced) {
        await writer.handle.sync();
        this.unsynced = false;
      }
    };
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private flushSync(): void {
    if (!this.writer || this.buffer.length === 0) return;
    writeSync(this.writer.handle.fd, this.buffer.join(''));
    this.unsynced = true;
    this.buffer = [];
    this.bufferedBytes = 0;
  }

  /** Reads the file (after writing what is buffered) and rebuilds the conversation. */
  async load(): Promise<LoadedSession> {
    if (this.writable) await this.flush();
    const { events, warnings } = await readSessionFile(this.path);
    const repaired = this.openWarnings;
    this.openWarnings = [];
    return replaySessionEvents(events, [...repaired, ...warnings]);
  }

  /** Flushes with fsync, closes the file and releases the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    const writer = this.writer;
    if (writer) {
      try {
        await this.flush({ fsync: true });
      } finally {
        this.closed = true;
        this.unregisterExit?.();
        await writer.handle.close();
        await writer.lock.release();
      }
    }
    this.closed = true;
  }
}
