import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface StdioServerProcessOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** How long `close()` waits after closing stdin before signalling the process group. */
  gracePeriodMs?: number;
}

const STDERR_TAIL = 4_000;

/**
 * A stdio transport that starts the server in its own process group and, on close, signals the whole group.
 * The SDK's transport only signals the direct child, which orphans the real server when the command is a
 * wrapper (`npx`, `sh -c`, `uvx`). It also keeps the tail of stderr so a crash can be reported with its cause.
 */
export class ProcessGroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly buffer = new ReadBuffer();
  private stderrText = '';
  private exited: Promise<void> = Promise.resolve();
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(private readonly options: StdioServerProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last few KB the server wrote to stderr. */
  get stderrTail(): string {
    return this.stderrText;
  }

  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exitInfo;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('ProcessGroupStdioTransport already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, this.options.args, {
        env: this.options.env,
        ...(this.options.cwd === undefined ? {} : { cwd: this.options.cwd }),
        stdio: ['pipe', 'pipe', 'pipe'],
        // A new process group on POSIX so close() can reach grandchildren; Windows has no groups to signal.
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.child = child;
      this.exited = new Promise((done) => child.once('close', () => done()));
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        this.onclose?.();
      });
      child.stdout.on('data', (chunk: Buffer) => {
        this.buffer.append(chunk);
        this.drainBuffer();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-STDERR_TAIL);
      });
      child.stdin.on('error', (error) => this.onerror?.(error));
      child.stdout.on('error', (error) => this.onerror?.(error));
    });
  }

  private drainBuffer(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        // A server printing garbage on stdout: report it and keep reading the next line.
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo) return Promise.reject(new Error('MCP server process is not running'));
    return new Promise((resolve) => {
      if (child.stdin.write(serializeMessage(message))) resolve();
      else child.stdin.once('drain', () => resolve());
    });
  }

  /** Closes stdin, then SIGTERM and finally SIGKILL to the process group until it is gone. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const grace = this.options.gracePeriodMs ?? 500;
    child.stdin.end();
    if (!this.exitInfo) await waitFor(this.exited, grace);
    signalGroup(child, 'SIGTERM');
    if (!this.exitInfo) await waitFor(this.exited, grace * 2);
    signalGroup(child, 'SIGKILL');
    await waitFor(this.exited, grace);
    this.buffer.clear();
  }
}

function waitFor(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Signals the child's process group (grandchildren included); falls back to the child alone. */
function signalGroup(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already empty, which is the state we want.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
