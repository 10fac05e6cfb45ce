/** claw's own credential variables: never inherited by Bash, hooks or MCP servers unless allowed. */
const CLAW_CREDENTIAL_VARIABLES = new Set(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'OPENAI_API_KEY']);
/** `CLAW_*` variables that look like credentials (CLAW_CONFIG_HOME, CLAW_MODEL etc. stay). */
const CLAW_SECRET_NAME = /^CLAW_.*(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)/i;
/**
 * Generic secret-looking names: GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD, STRIPE_SECRET, SENDGRID_APIKEY,
 * GITLAB_PAT, GOOGLE_APPLICATION_CREDENTIALS (a key file's path: list it in `childEnvAllow` to pass it),
 * FTP_PASSWD … `SSH_AUTH_SOCK` stays: `git push` over ssh needs the agent, which only signs and never hands
 * out keys; settings `env: {"SSH_AUTH_SOCK": ""}` withholds it.
 */
const SECRET_SUFFIX = /(^|_)(TOKEN|KEY|APIKEY|SECRET|PASSWORD|PASSWD|PAT|CREDENTIALS?)$/i;

export interface ScrubChildEnvOptions {
  /**
   * Variable names that pass through even though they look like secrets. Exact names, or a prefix ending
   * in `*` (`AWS_*`). An allow entry is an explicit decision by the user, so it also covers claw's own
   * variables (a hook that calls the API may need ANTHROPIC_API_KEY).
   */
  allow?: readonly string[];
}

export function isSecretEnvName(name: string): boolean {
  return (
    CLAW_CREDENTIAL_VARIABLES.has(name.toUpperCase()) ||
    CLAW_SECRET_NAME.test(name) ||
    SECRET_SUFFIX.test(name)
  );
}

function isAllowed(name: string, allow: readonly string[]): boolean {
  return allow.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name));
}

/**
 * The environment for a child process (Bash tool, hooks, MCP stdio servers): a copy of `env` without claw's
 * credentials and without variables whose names say they hold a secret. Returns a new object; `env` is not
 * modified.
 */
export function scrubChildEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: ScrubChildEnvOptions = {},
): Record<string, string> {
  const allow = options.allow ?? [];
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isSecretEnvName(name) && !isAllowed(name, allow)) continue;
    result[name] = value;
  }
  return result;
}
