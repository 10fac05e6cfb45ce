import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { CliError, usageError } from '../cli-error.js';
import { configHomeFrom } from '../engine-options.js';
import { readPipedStdin } from '../print/stdin.js';
import { loadCliSettings } from '../settings-access.js';

const PIPE_HINT = 'Pipe it on stdin instead: `printf %s "$KEY" | claw login --api-key`.';

export default class Login extends BaseCommand {
  static override summary = 'Sign in with OAuth (PKCE, browser), or store an API key (--api-key).';
  static override description =
    `OAuth: opens the browser at the configured authorize URL and waits for the callback on 127.0.0.1.
The URL is also printed, for headless machines: open it anywhere, then paste the code (or the whole
redirect URL) on stdin. The browser is not opened with --no-browser, with BROWSER=none, or on Linux
without a display. Endpoints, client id, scopes and callback port come from the \`oauth\` settings key.

--api-key asks for the key at a hidden prompt, or reads it from stdin when piped
(\`claw login --api-key < key.txt\`); it is never taken from the command line.
Credentials are stored in $CLAW_CONFIG_HOME/credentials.json (mode 0600, directory 0700).`;
  static override examples = [
    '<%= config.bin %> login',
    '<%= config.bin %> login --no-browser',
    'printf %s "$KEY" | <%= config.bin %> login --api-key',
  ];
  // Not strict, so that `claw login sk-ant-…` reaches run() and is refused without echoing the key.
  static override strict = false;
  static override flags = {
    'api-key': Flags.boolean({
      description: 'Store an API key typed at a hidden prompt or piped on stdin (never taken from argv).',
    }),
    'no-browser': Flags.boolean({
      description: 'Do not open a browser; print the URL and wait for the callback or a pasted code.',
    }),
    timeout: Flags.integer({ description: 'Seconds to wait for the browser sign-in.', default: 300, min: 1 }),
  };

  async run(): Promise<void> {
    // Checked before parsing: oclif's "Unexpected argument: <value>" would print the key into logs.
    if (this.argv.some((token) => token.startsWith('--api-key='))) throw keyOnCommandLineError();
    const { flags, argv } = await this.parse(Login);
    if (argv.length > 0) throw keyOnCommandLineError();
    const auth = await import('@claw/auth');
    const configHome = configHomeFrom(process.env);
    try {
      if (flags['api-key']) {
        // A person at a terminal types the key (not echoed); a script pipes it. Never from argv.
        const typed = process.stdin.isTTY
          ? await (await import('../hidden-input.js')).readHiddenLine('API key (input hidden): ')
          : await readPipedStdin();
        if (typed === undefined) throw usageError('Cancelled; nothing was stored.');
        const key = typed.trim();
        if (!key) throw usageError('No API key on stdin.', PIPE_HINT);
        const result = await auth.loginWithApiKey({ key, configHome });
        this.report(
          flags,
          { ok: true, method: result.method, location: result.location },
          `API key stored in ${result.location}.`,
        );
        return;
      }
      const settings = await loadCliSettings(flags);
      const oauth = auth.oauthSettingsSchema.safeParse(settings.oauth ?? {});
      if (!oauth.success) {
        const where = oauth.error.issues.map((i) => `oauth.${i.path.join('.')}: ${i.message}`).join('; ');
        throw new CliError('config', `Invalid \`oauth\` settings (${where}).`, {
          hint: 'Fix the `oauth` key in settings (`claw config list` shows where it is set).',
        });
      }
      const pasted = createLineReader(process.stdin);
      try {
        const result = await auth.loginWithOAuth({
          print: (line) => process.stderr.write(`${line}\n`),
          openBrowser: !flags['no-browser'] && auth.shouldOpenBrowser(process.env),
          readPastedCode: pasted.next,
          oauth: oauth.data,
          configHome,
          timeoutMs: flags.timeout * 1000,
        });
        this.report(
          flags,
          {
            ok: true,
            method: result.method,
            location: result.location,
            expiresAt: result.expiresAt ?? null,
            scopes: result.scopes ?? [],
          },
          `Signed in. Tokens stored in ${result.location}.`,
        );
      } finally {
        pasted.close();
      }
    } catch (error) {
      if (auth.isAuthError(error)) throw new CliError('auth', error.message, { hint: error.hint });
      throw error;
    }
  }

  private report(
    flags: { 'output-format'?: string | undefined },
    json: Record<string, unknown>,
    text: string,
  ): void {
    if (this.isJson(flags)) this.writeJson(json);
    else process.stdout.write(`${text}\n`);
  }
}

/**
 * A key given on the command line is already in `ps` output and shell history; claw refuses it, and the
 * message does not repeat the value.
 */
function keyOnCommandLineError(): CliError {
  return usageError(
    '`claw login` takes no key (or any other argument) on the command line, where `ps` and shell history would keep it.',
    PIPE_HINT,
  );
}

/**
 * The paste-the-code fallback reads lines from stdin, a terminal or a pipe (`echo "$REDIRECT_URL" | claw
 * login --no-browser`). One readline interface for the whole login, so piped lines are not lost between
 * reads; the end of input stops the paste path (rejects), and the browser callback keeps working.
 */
function createLineReader(input: NodeJS.ReadStream): {
  next: (signal: AbortSignal) => Promise<string>;
  close: () => void;
} {
  const lines: string[] = [];
  let ended = false;
  let waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  let rl: import('node:readline').Interface | undefined;
  const start = async (): Promise<void> => {
    if (rl !== undefined) return;
    const { createInterface } = await import('node:readline');
    rl = createInterface({ input, terminal: false });
    rl.on('line', (line) => {
      if (waiter) {
        const current = waiter;
        waiter = undefined;
        current.resolve(line);
      } else lines.push(line);
    });
    rl.on('close', () => {
      ended = true;
      waiter?.reject(new Error('stdin ended'));
      waiter = undefined;
    });
  };
  return {
    next: async (signal) => {
      await start();
      const queued = lines.shift();
      if (queued !== undefined) return queued;
      if (ended) throw new Error('stdin ended');
      signal.throwIfAborted();
      return new Promise<string>((resolve, reject) => {
        const onAbort = (): void => {
          waiter = undefined;
          reject(new Error('paste no longer needed'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = (): void => signal.removeEventListener('abort', onAbort);
        waiter = {
          resolve: (line) => {
            settle();
            resolve(line);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        };
      });
    },
    close: () => {
      rl?.close();
      // Reading stdin keeps the event loop alive; a finished login must not wait for more input.
      input.pause();
      input.unref?.();
    },
  };
}
