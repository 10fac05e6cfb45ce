import { homedir } from 'node:os';
import { join } from 'node:path';

export const CREDENTIALS_FILE_NAME = 'credentials.json';

/** `$CLAW_CONFIG_HOME` when set (every test sets it), else `~/.claw`. */
export function resolveConfigHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.CLAW_CONFIG_HOME;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.claw');
}

export function credentialsPath(configHome: string): string {
  return join(configHome, CREDENTIALS_FILE_NAME);
}
