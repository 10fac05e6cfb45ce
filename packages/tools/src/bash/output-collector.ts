import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Output kept in memory before the collector spills to a log file and keeps only head and tail. */
const MEMORY_LIMIT_CHARS = 8 * 1024 * 1024;
const KEPT_HEAD_CHARS = 512 * 1024;
const KEPT_TAIL_CHARS = 512 * 1024;

/**
 * Interleaved stdout+stderr of a shell. Small outputs stay in memory; a runaway one is written to
 * `<scratchDir>/<name>.log` in full while memory keeps its head and tail, so `yes` cannot exhaust memory.
 */
export class OutputCollector {
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private parts: string[] = [];
  private memoryChars = 0;
  private head = '';
  private tail = '';
  private log: WriteStream | undefined;
  /** Characters received in total. */
  totalChars = 0;
  /** Position up to which BashOutput has shown the output. */
  readCursor = 0;

  constructor(
    private readonly scratchDir: string,
    private readonly name: string,
  ) {}

  get logPath(): string | undefined {
    return this.log ? join(this.scratchDir, `${this.name}.log`) : undefined;
  }

  append(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    this.add(this.decoders[stream].write(chunk));
  }

  finish(): void {
    this.add(this.decoders.stdout.end() + this.decoders.stderr.end());
  }

  /** Everything, or head + tail once spilled; `spilled` tells which. */
  snapshot(): { text: string; spilled: boolean } {
    if (!this.log) return { text: this.parts.join(''), spilled: false };
    const omitted = this.totalChars - this.head.length - this.tail.length;
    return { text: `${this.head}\n[... ${omitted} characters omitted ...]\n${this.tail}`, spilled: true };
  }

  /** Output after the read cursor (for BashOutput), advancing it. */
  readNew(): string {
    const { text, spilled } = this.snapshot();
    const start = spilled ? Math.max(0, text.length - (this.totalChars - this.readCursor)) : this.readCursor;
    this.readCursor = this.totalChars;
    return text.slice(Math.max(0, start));
  }

  /** Resolves when the log file, if any, is fully written. */
  async flush(): Promise<void> {
    const log = this.log;
    if (log) await new Promise<void>((resolveFlush) => log.end(resolveFlush));
  }

  private add(text: string): void {
    if (text.length === 0) return;
    this.totalChars += text.length;
    if (!this.log) {
      this.parts.push(text);
      this.memoryChars += text.length;
      if (this.memoryChars > MEMORY_LIMIT_CHARS) this.spill();
      return;
    }
    this.log.write(text);
    this.tail = (this.tail + text).slice(-KEPT_TAIL_CHARS);
  }

  private spill(): void {
    const all = this.parts.join('');
    this.parts = [];
    this.head = all.slice(0, KEPT_HEAD_CHARS);
    this.tail = all.slice(-KEPT_TAIL_CHARS);
    const path = join(this.scratchDir, `${this.name}.log`);
    mkdirSync(this.scratchDir, { recursive: true });
    this.log = createWriteStream(path, { flags: 'w' });
    this.log.write(all);
  }
}
