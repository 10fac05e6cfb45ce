import { existsSync } from 'node:fs';
import type { execa as ExecaFunction } from 'execa';
import type { BuiltinToolDeps } from '../deps.js';
import type { OutputCollector } from './output-collector.js';

export interface ShellExit {
  exitCode: number | null;
  signal: string | null;
}

export interface RunningShell {
  pid: number | undefined;
  output: OutputCollector;
  /** Settles when the shell has exited and its output has been drained. */
  exited: Promise<ShellExit>;
  /** Kills the whole process group: SIGTERM, then SIGKILL if it lingers. */
  kill(): void;
  readonly running: boolean;
}

/** After the shell exits, a backgrounded grandchild may hold its pipes open; we stop waiting after this. */
const DRAIN_GRACE_MS = 200;
const KILL_GRACE_MS = 2000;

export function defaultShell(): string {
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/**
 * The permission policy judges `cd name` as a move to `./name`; an inherited CDPATH would send the shell to
 * `$CDPATH/name` instead, outside the workspace, before the next command is checked. A CDPATH the command
 * assigns itself is seen by the policy (and asked about).
 */
export function shellEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!('CDPATH' in env)) return env;
  const { CDPATH: _ignored, ...rest } = env;
  return rest;
}

/**
 * Starts a shell script in its own process group (detached), so a timeout or abort can kill everything it
 * spawned with one `kill(-pid)`. stdin is closed: a command waiting for input gets EOF instead of hanging.
 */
export function startShell(options: {
  execa: typeof ExecaFunction;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  deps: Pick<BuiltinToolDeps, 'wrapCommand' | 'shell'>;
  output: OutputCollector;
}): RunningShell {
  const wrapped = options.deps.wrapCommand?.(options.script, options.cwd) ?? {
    file: options.deps.shell ?? defaultShell(),
    args: ['-c', options.script],
  };
  const child = options.execa(wrapped.file, wrapped.args, {
    cwd: options.cwd,
    env: shellEnvironment(options.env),
    extendEnv: false,
    stdin: 'ignore',
    detached: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  let running = true;
  child.stdout?.on('data', (chunk: Buffer) => options.output.append('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => options.output.append('stderr', chunk));
  const exited = new Promise<ShellExit>((resolveExit) => {
    let settled = false;
    const settle = (exit: ShellExit) => {
      if (settled) return;
      settled = true;
      running = false;
      try {
        wrapped.afterExit?.();
      } catch (error) {
        options.output.append('stderr', Buffer.from(`sandbox clean-up failed: ${String(error)}\n`));
      }
      options.output.finish();
      resolveExit(exit);
    };
    child.on('error', (error) => {
      options.output.append('stderr', Buffer.from(`${error.message}\n`));
      settle({ exitCode: null, signal: null });
    });
    child.on('exit', (code, signal) => {
      const closed = Promise.all([streamClosed(child.stdout), streamClosed(child.stderr)]);
      const grace = new Promise((resolveGrace) => setTimeout(resolveGrace, DRAIN_GRACE_MS).unref());
      void Promise.race([closed, grace]).then(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        settle({ exitCode: code, signal });
      });
    });
  });
  // execa's own promise settles too; with reject:false it never rejects, and we read results above.
  void child.then(() => undefined);
  const kill = () => {
    const pid = child.pid;
    if (pid === undefined) return;
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  };
  return {
    pid: child.pid,
    output: options.output,
    exited,
    kill,
    get running() {
      return running;
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function streamClosed(stream: NodeJS.ReadableStream | null | undefined): Promise<void> {
  if (!stream) return Promise.resolve();
  return new Promise((resolveClosed) => {
    stream.once('close', () => resolveClosed());
    stream.once('end', () => resolveClosed());
  });
}
