import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { CliError, usageError } from '../cli-error.js';
import { configHomeFrom } from '../engine-options.js';
import { readPipedStdin } from '../print/stdin.js';
import { loadCliSettings } from '../settings-access.js';

export default class Login extends BaseCommand {
  static override summary = 'Sign in with OAuth (PKCE, browser) or store an API key read from stdin.';
  static override description =
    `OAuth: opens the browser at the configured authorize URL and waits for the callback on 127.0.0.1
(the URL is also printed for headless machines, where the code can be pasted instead).
Endpoints, client id and scopes come from the \`oauth\` settings key.

--api-key reads the key from stdin, never from the command line: \`claw login --api-key < key.txt\`.
Credentials are stored in $CLAW_CONFIG_HOME/credentials.json (mode 0600).`;
  static override examples = [
    '<%= config.bin %> login',
    'printf %s "$KEY" | <%= config.bin %> login --api-key',
  ];
  static override flags = {
    'api-key': Flags.boolean({ description: 'Store an API key read from stdin.' }),
    'no-browser': Flags.boolean({
      description: 'Do not open a browser; print the URL and wait for the code.',
    }),
    timeout: Flags.integer({ description: 'Seconds to wait for the browser sign-in.', default: 300, min: 1 }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Login);
    const auth = await import('@claw/auth');
    const configHome = configHomeFrom(process.env);
    try {
      if (flags['api-key']) {
        if (process.stdin.isTTY) {
          throw usageError(
            '--api-key reads the key from stdin.',
            'Pipe it in: `printf %s "$KEY" | claw login --api-key`.',
          );
        }
        const key = (await readPipedStdin()).trim();
        if (!key) throw usageError('No API key on stdin.');
        const result = await auth.loginWithApiKey({ key, configHome });
        this.report(
          flags,
          { ok: true, method: result.method, location: result.location },
          `API key stored in ${result.location}.`,
        );
        return;
      }
      const settings = await loadCliSettings(flags);
      const interactive = Boolean(process.stdin.isTTY);
      const result = await auth.loginWithOAuth({
        print: (line) => process.stderr.write(`${line}\n`),
        ...(flags['no-browser'] ? { openUrl: async () => {} } : {}),
        ...(interactive ? { readPastedCode: (signal: AbortSignal) => readLine(signal) } : {}),
        ...(settings.oauth ? { oauth: settings.oauth } : {}),
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

/** Reads one line from the terminal for the paste-the-code fallback. */
async function readLine(signal: AbortSignal): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    return await rl.question('', { signal });
  } finally {
    rl.close();
  }
}
