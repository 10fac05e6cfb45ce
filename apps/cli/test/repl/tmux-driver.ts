import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** A claw REPL running in a detached tmux pane: type into it, read the screen. */
export class TmuxPane {
  readonly name = `repl-${randomUUID().slice(0, 8)}`;
  // One tmux server per pane: a shared server shuts down when its last session ends, and a pane started
  // in that moment dies with it ("server exited unexpectedly").
  private readonly socket = `claw-test-${process.pid}-${this.name}`;

  constructor(
    command: string,
    options: { cwd: string; env: Record<string, string>; width?: number; height?: number },
  ) {
    const envPrefix = Object.entries(options.env)
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    // `; sleep` keeps the pane readable after claw exits, so exit messages can be asserted.
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(options.width ?? 100),
      '-y',
      String(options.height ?? 30),
      '-c',
      options.cwd,
      `env ${envPrefix} ${command}; echo "[exited $?]"; sleep 60`,
    );
  }

  /** Literal text (no key names interpreted). */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** tmux key names: Enter, Escape, C-c, Tab, Up… */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Polls the screen until `predicate` holds; fails with the last screen so a failure explains itself. */
  async waitFor(
    predicate: string | RegExp | ((screen: string) => boolean),
    timeoutMs = 10_000,
  ): Promise<string> {
    const test =
      typeof predicate === 'function'
        ? predicate
        : (s: string) => (typeof predicate === 'string' ? s.includes(predicate) : predicate.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(predicate)}; screen:\n${last}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone: the session ended with the test.
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Screens are compared as files: strip temp paths, session ids, timings and trailing blank rows. */
export function normaliseScreen(screen: string, sandboxRoot: string): string {
  return `${screen
    .replaceAll(sandboxRoot, '<tmp>')
    .replace(/\b\d{8}-\d{6}-[0-9a-f]{6}\b/g, '<session-id>')
    .replace(/\(\d+s · esc to interrupt\)/g, '(Ns · esc to interrupt)')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}
