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

  /** The screen with wrapped rows joined: a long URL reads as one line. */
  joinedScreen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.name);
  }

  /** Polls the screen until `predicate` holds; fails with the last screen so a failure explains itself. */
  async waitFor(predicate: ScreenPredicate, timeoutMs = 10_000): Promise<string> {
    const test = screenTest(predicate);
    return this.poll(`${String(predicate)}`, timeoutMs, (screen) => test(screen));
  }

  /**
   * Like `waitFor`, and the screen must also be the same on two captures 100 ms apart: drawing has settled
   * (no spinner frame, no half-drawn prompt), so the screen can be compared with a checked-in file.
   */
  async waitForStable(predicate: ScreenPredicate, timeoutMs = 10_000): Promise<string> {
    const test = screenTest(predicate);
    let previous: string | undefined;
    return this.poll(`a stable screen with ${String(predicate)}`, timeoutMs, (screen) => {
      const settled = screen === previous;
      previous = test(screen) ? screen : undefined;
      return settled && previous !== undefined;
    });
  }

  private async poll(what: string, timeoutMs: number, done: (screen: string) => boolean): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (done(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
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

export type ScreenPredicate = string | RegExp | ((screen: string) => boolean);

function screenTest(predicate: ScreenPredicate): (screen: string) => boolean {
  if (typeof predicate === 'function') return predicate;
  return typeof predicate === 'string' ? (s) => s.includes(predicate) : (s) => predicate.test(s);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface NormaliseOptions {
  /**
   * Keep token counts and cost as shown. Only for turns whose usage the mock script fixes: usage the mock
   * estimates grows with the request, whose system prompt holds the temp path and the platform name.
   */
  exactUsage?: boolean;
}

/** The status line's figures that follow from the request's size: context used, tokens in, cost. */
const ESTIMATED_USAGE =
  /ctx [\d.]+[kM]?\/([\d.]+[kM]?) \(\d+%\) · ↑[\d.]+[kM]? (↓[\d.]+[kM]?) · (?:\$[\d.]+|unknown)/g;

/**
 * Screens are compared as files: strip the temp directory, session ids, wall-clock times, elapsed seconds,
 * estimated usage (unless exact) and trailing blanks.
 */
export function normaliseScreen(screen: string, sandboxRoot: string, options: NormaliseOptions = {}): string {
  let text = screen
    .replaceAll(sandboxRoot, '<tmp>')
    .replace(/\b\d{8}-\d{6}-[0-9a-f]{6}\b/g, '<session-id>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, '<time>')
    .replace(/\(\d+s · esc to interrupt\)/g, '(Ns · esc to interrupt)');
  if (!options.exactUsage) text = text.replace(ESTIMATED_USAGE, 'ctx <n>/$1 (<n>%) · ↑<n> $2 · $<n>');
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}
