import { resolveConfigHome } from './config-home.js';
import { type CredentialStore, createFileCredentialStore } from './token-store.js';

export interface LogoutResult {
  removed: boolean;
  location: string;
}

/**
 * `claw logout`: deletes the stored credentials (OAuth tokens and API key). Works on a corrupt file, which is
 * what the corrupt-store error tells the user to do. Environment variables and apiKeyHelper are untouched;
 * `claw auth status` still shows them.
 */
export async function logout(
  options: { configHome?: string; store?: CredentialStore } = {},
): Promise<LogoutResult> {
  const store = options.store ?? createFileCredentialStore(options.configHome ?? resolveConfigHome());
  return { removed: await store.clear(), location: store.location };
}
