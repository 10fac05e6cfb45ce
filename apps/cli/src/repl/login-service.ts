import type { CommandServices, LoginMethod } from '@claw/commands';
import type { ReadLine } from './line-reader.js';

export interface LoginServiceDeps {
  workspaceRoot: string;
  configHome: string;
  env: NodeJS.ProcessEnv;
  /** One line for the user: the sign-in URL and what to do with it. */
  print(line: string): void;
  /** Asks a line on the terminal; absent outside the REPL (then no pasted code and no API key entry). */
  readLine?: ReadLine;
}

const ENV_CREDENTIALS = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] as const;

/** An error that reads like the CLI's: a message and what to do about it. */
function hinted(message: string, hint: string): Error {
  return Object.assign(new Error(message), { hint });
}

/**
 * `/login` and `/logout` through @claw/auth, the functions behind `claw login` and `claw logout`: OAuth with
 * the browser callback (and a pasted code in the REPL), or an API key asked for without echo.
 */
export function createLoginServices(deps: LoginServiceDeps): Pick<CommandServices, 'login' | 'logout'> {
  return {
    async login(method, signal) {
      const auth = await import('@claw/auth');
      const oauth = await oauthSettings(deps);
      const chosen: LoginMethod = method ?? (oauth.clientId ? 'oauth' : 'api-key');
      try {
        if (chosen === 'api-key') {
          if (!deps.readLine) {
            throw hinted(
              'Entering an API key needs the interactive REPL.',
              'Pipe it instead: `printf %s "$KEY" | claw login --api-key`.',
            );
          }
          const key = await deps.readLine('API key: ', { mask: true, signal });
          if (key === undefined || signal.aborted) return 'Login cancelled.';
          const result = await auth.loginWithApiKey({ key, configHome: deps.configHome });
          return `API key stored in ${result.location}.${envNote(deps.env)}`;
        }
        const { readLine } = deps;
        const result = await auth.loginWithOAuth({
          print: deps.print,
          openBrowser: auth.shouldOpenBrowser(deps.env),
          oauth,
          configHome: deps.configHome,
          signal,
          ...(readLine
            ? {
                readPastedCode: async (stop: AbortSignal) => {
                  const line = await readLine('code> ', { signal: stop });
                  // Stops the paste path only; the browser callback may still finish the sign-in.
                  if (line === undefined) throw new Error('no code pasted');
                  return line;
                },
              }
            : {}),
        });
        return `Signed in. Tokens stored in ${result.location}.${envNote(deps.env)}`;
      } catch (error) {
        if (signal.aborted) return 'Login cancelled.';
        throw error;
      }
    },
    async logout() {
      const auth = await import('@claw/auth');
      const result = await auth.logout({ configHome: deps.configHome });
      const removed = result.removed
        ? `Removed stored credentials from ${result.location}.`
        : 'No stored credentials.';
      const stillSet = ENV_CREDENTIALS.filter((name) => Boolean(deps.env[name]?.trim()));
      return stillSet.length > 0
        ? `${removed}\nStill set in the environment (not changed by logout): ${stillSet.join(', ')}.`
        : removed;
    },
  };
}

/** A credential in the environment wins over a stored one: say so, or the login seems to do nothing. */
function envNote(env: NodeJS.ProcessEnv): string {
  const set = ENV_CREDENTIALS.filter((name) => Boolean(env[name]?.trim()));
  if (set.length === 0) return '';
  return `\nNote: ${set.join(' and ')} in the environment ${set.length === 1 ? 'is' : 'are'} used before stored credentials.`;
}

/** The `oauth` settings key, validated as `claw login` validates it. */
async function oauthSettings(deps: LoginServiceDeps) {
  const [{ loadSettings }, auth] = await Promise.all([import('@claw/runtime'), import('@claw/auth')]);
  const { settings } = await loadSettings({ workspaceRoot: deps.workspaceRoot, configHome: deps.configHome });
  const parsed = auth.oauthSettingsSchema.safeParse(settings.oauth ?? {});
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `oauth.${i.path.join('.')}: ${i.message}`).join('; ');
  throw hinted(
    `Invalid \`oauth\` settings (${where}).`,
    'Fix the `oauth` key in settings (`/config get oauth` shows it).',
  );
}
