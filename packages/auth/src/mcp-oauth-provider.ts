import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, writeFileAtomic } from './atomic-write.js';
import { type LoopbackCallbackServer, startLoopbackCallbackServer } from './callback-server.js';
import { AuthError } from './errors.js';
import { isErrno, withFileLock } from './file-lock.js';
import { openUrlInBrowser } from './open-url.js';
import { createOAuthState } from './pkce.js';

/**
 * OAuth for remote MCP servers. The MCP SDK drives the protocol (discovery, dynamic client registration, PKCE,
 * code exchange, refresh on a 401); this file is the SDK's `OAuthClientProvider`: it keeps the client
 * registration and tokens per server URL in `<configHome>/mcp-credentials.json` (0600 in a 0700 directory,
 * atomic rewrites under a lock, like credentials.json) and, for `claw mcp login`, sends the user to the
 * browser and receives the code on a loopback redirect. The shapes below mirror the SDK's structurally, so
 * this package does not depend on the SDK. Nothing here prints or logs a token.
 */

export const MCP_CREDENTIALS_FILE_NAME = 'mcp-credentials.json';

export interface McpOAuthTokens {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
  /** The authorization server that issued them (added by the SDK, stored unchanged). */
  issuer?: string;
}

export interface McpOAuthClientInformation {
  client_id: string;
  client_secret?: string;
  client_id_issued_at?: number;
  client_secret_expires_at?: number;
  redirect_uris?: string[];
  issuer?: string;
}

export interface McpOAuthClientMetadata {
  redirect_uris: string[];
  client_name: string;
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: string;
  software_id: string;
  software_version?: string;
  scope?: string;
}

export type McpOAuthInvalidation = 'all' | 'client' | 'tokens' | 'verifier' | 'discovery';

/** Structurally the MCP SDK's `OAuthClientProvider`. */
export interface McpOAuthClientProvider {
  readonly redirectUrl: string;
  readonly clientMetadata: McpOAuthClientMetadata;
  state?(): string;
  clientInformation(): Promise<McpOAuthClientInformation | undefined>;
  /** Only during `claw mcp login`: a session never registers a client on its own. */
  saveClientInformation?(information: McpOAuthClientInformation): Promise<void>;
  tokens(): Promise<McpOAuthTokens | undefined>;
  saveTokens(tokens: McpOAuthTokens): Promise<void>;
  redirectToAuthorization(authorizationUrl: URL): Promise<void>;
  saveCodeVerifier(codeVerifier: string): void;
  codeVerifier(): string;
  invalidateCredentials(scope: McpOAuthInvalidation): Promise<void>;
}

/** A session met a server that wants a sign-in nobody is there to give; `claw mcp login` gives it ahead. */
export class McpAuthRequiredError extends Error {
  readonly kind = 'mcp_needs_auth' as const;
  readonly hint: string;
  constructor(readonly server: string) {
    super(`MCP server "${server}" needs authentication`);
    this.name = 'McpAuthRequiredError';
    this.hint = `Run \`claw mcp login ${server}\`.`;
  }
}

const tokensSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().default('Bearer'),
  refresh_token: z.string().optional(),
  /** Epoch ms; stored instead of `expires_in`, which is relative to the moment it was issued. */
  expires_at: z.number().optional(),
});
const clientSchema = z.looseObject({
  client_id: z.string().min(1),
  redirect_uris: z.array(z.string()).optional(),
});
const entrySchema = z.object({
  serverName: z.string().optional(),
  client: clientSchema.optional(),
  tokens: tokensSchema.optional(),
});
type McpOAuthEntry = z.infer<typeof entrySchema>;
const fileSchema = z.looseObject({
  version: z.literal(1).default(1),
  servers: z.record(z.string(), entrySchema).default({}),
});
type McpCredentialsFile = z.infer<typeof fileSchema>;

export function mcpCredentialsPath(configHome: string): string {
  return join(configHome, MCP_CREDENTIALS_FILE_NAME);
}

/** The key of a server's entry: its URL without a fragment, so `#…` variants share one sign-in. */
function serverKey(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.hash = '';
  return url.href;
}

async function readCredentialsFile(path: string): Promise<McpCredentialsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { version: 1, servers: {} };
    throw new AuthError('store-io', `Cannot read ${path}.`, 'Check the file permissions.', { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = fileSchema.safeParse(json);
  // The message names the file, never its contents: a corrupt file may still hold a valid token.
  if (!parsed.success)
    throw new AuthError(
      'corrupt-store',
      `The MCP credentials file ${path} is corrupt.`,
      `Remove ${path}, then run \`claw mcp login <server>\` again.`,
    );
  return parsed.data;
}

/** Reads one server's entry (no lock: writes are atomic renames, so a reader sees a whole file). */
async function readEntry(configHome: string, serverUrl: string): Promise<McpOAuthEntry> {
  const file = await readCredentialsFile(mcpCredentialsPath(configHome));
  return file.servers[serverKey(serverUrl)] ?? {};
}

/** Rewrites one server's entry under the lock shared with other claw processes; `undefined` removes it. */
async function updateEntry(
  configHome: string,
  serverUrl: string,
  update: (entry: McpOAuthEntry) => McpOAuthEntry | undefined,
): Promise<void> {
  const path = mcpCredentialsPath(configHome);
  await ensurePrivateDir(configHome);
  await withFileLock(`${path}.lock`, async () => {
    const file = await readCredentialsFile(path);
    const key = serverKey(serverUrl);
    const next = update(file.servers[key] ?? {});
    const servers = { ...file.servers };
    if (next === undefined || (next.client === undefined && next.tokens === undefined)) delete servers[key];
    else servers[key] = next;
    await writeFileAtomic(path, `${JSON.stringify({ ...file, servers }, null, 2)}\n`, 0o600);
  });
}

/** `claw mcp login`'s side of the browser round trip. */
export interface McpOAuthLogin {
  readonly redirectUrl: string;
  readonly state: string;
  /** Prints the authorization URL and opens the browser when allowed. */
  open(authorizationUrl: URL): Promise<void>;
  /** The code from the loopback redirect; rejects on timeout, abort, a refusal or a forged callback. */
  waitForCode(): Promise<string>;
  close(): Promise<void>;
}

export interface McpOAuthLoginOptions {
  serverName: string;
  serverUrl: string;
  configHome: string;
  print: (line: string) => void;
  /** False with `--no-browser`, `BROWSER=none` or no display: the URL is only printed. */
  openBrowser: boolean;
  openUrl?: (url: string) => Promise<void>;
  /** Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const CALLBACK_PATH = '/callback';

/**
 * Starts the loopback listener on 127.0.0.1. The port of the redirect URI the client was registered with is
 * tried first, so a strict authorization server keeps accepting the stored registration; when that port is
 * taken, any free port is used and the provider registers again for it.
 */
export async function startMcpOAuthLogin(options: McpOAuthLoginOptions): Promise<McpOAuthLogin> {
  const state = createOAuthState();
  const registered = (await readEntry(options.configHome, options.serverUrl)).client?.redirect_uris?.[0];
  const previous = registered ? loopbackTarget(registered) : undefined;
  let callback: LoopbackCallbackServer;
  try {
    callback = await startLoopbackCallbackServer({
      path: previous?.path ?? CALLBACK_PATH,
      port: previous?.port ?? 0,
      expectedState: state,
    });
  } catch (error) {
    if (!(error instanceof AuthError) || previous === undefined) throw error;
    callback = await startLoopbackCallbackServer({ path: CALLBACK_PATH, expectedState: state });
  }
  const retryHint = `Run \`claw mcp login ${options.serverName}\` again.`;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  return {
    redirectUrl: callback.redirectUri,
    state,
    async open(url) {
      const target = url.toString();
      options.print(
        options.openBrowser
          ? `Opening your browser to authorize claw with MCP server "${options.serverName}"; if it does not open, visit:`
          : `Open this URL in a browser to authorize claw with MCP server "${options.serverName}":`,
      );
      options.print(target);
      if (!options.openBrowser) return;
      await (options.openUrl ?? openUrlInBrowser)(target).catch((error: unknown) => {
        options.print(
          `Could not open a browser (${error instanceof Error ? error.message : String(error)}).`,
        );
      });
    },
    async waitForCode() {
      const timeout = AbortSignal.timeout(timeoutMs);
      const stop = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      const stopped = new Promise<never>((_resolve, reject) => {
        const fail = () =>
          reject(
            options.signal?.aborted
              ? new AuthError('aborted', 'The MCP sign-in was cancelled.', retryHint)
              : new AuthError(
                  'login-timeout',
                  `The MCP sign-in did not finish within ${Math.round(timeoutMs / 1000)} s.`,
                  retryHint,
                ),
          );
        if (stop.aborted) fail();
        else stop.addEventListener('abort', fail, { once: true });
      });
      try {
        return (await Promise.race([callback.result, stopped])).code;
      } catch (error) {
        // The callback server's hints name `claw login`; this sign-in is retried with `claw mcp login`.
        if (error instanceof AuthError)
          throw new AuthError(error.reason, error.message, retryHint, { cause: error });
        throw error;
      }
    },
    close: () => callback.close(),
  };
}

function loopbackTarget(uri: string): { port: number; path: string } | undefined {
  try {
    const url = new URL(uri);
    if (url.hostname !== '127.0.0.1' || url.port === '') return undefined;
    return { port: Number(url.port), path: url.pathname };
  } catch {
    return undefined;
  }
}

export interface McpOAuthProviderOptions {
  serverName: string;
  serverUrl: string;
  configHome: string;
  clientVersion?: string;
  /** `claw mcp login`: authorize in the browser. Without it the provider never waits for a person. */
  login?: McpOAuthLogin;
  now?: () => number;
}

/** Before any registration the SDK needs a truthy redirect URL, or it would try a client-credentials grant. */
const UNREGISTERED_REDIRECT = `http://127.0.0.1${CALLBACK_PATH}`;

/**
 * The SDK's OAuth client provider for one remote server. In a session (no `login`) it only uses what is
 * stored: tokens, refreshed by the SDK after a 401; when the server wants a new authorization it throws
 * `McpAuthRequiredError` instead of opening a browser, so `claw -p` never hangs on a sign-in.
 */
export function createMcpOAuthProvider(options: McpOAuthProviderOptions): McpOAuthClientProvider {
  const { configHome, serverUrl, login } = options;
  const now = options.now ?? Date.now;
  let codeVerifier: string | undefined;
  let registeredRedirect: string | undefined;
  /** Tokens this provider last handed out, so an invalidation never deletes a newer pair another process stored. */
  let handedOut: string | undefined;
  /** During login, only tokens from this authorization count: signing in again means a fresh grant. */
  let fresh: McpOAuthTokens | undefined;

  const toWire = (stored: z.infer<typeof tokensSchema>): McpOAuthTokens => {
    const { expires_at, ...rest } = stored;
    return {
      ...rest,
      ...(expires_at === undefined
        ? {}
        : { expires_in: Math.max(0, Math.round((expires_at - now()) / 1000)) }),
    } as McpOAuthTokens;
  };

  const provider: McpOAuthClientProvider = {
    get redirectUrl() {
      return login?.redirectUrl ?? registeredRedirect ?? UNREGISTERED_REDIRECT;
    },
    get clientMetadata() {
      return {
        client_name: 'claw',
        redirect_uris: [provider.redirectUrl],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        software_id: 'claw',
        ...(options.clientVersion ? { software_version: options.clientVersion } : {}),
      };
    },
    async clientInformation() {
      const client = (await readEntry(configHome, serverUrl)).client;
      registeredRedirect = client?.redirect_uris?.[0];
      if (login) {
        // Registered for another loopback port (that one was busy): register again for this one.
        const uris = client?.redirect_uris;
        return uris && !uris.includes(login.redirectUrl) ? undefined : (client as McpOAuthClientInformation);
      }
      if (!client) throw new McpAuthRequiredError(options.serverName);
      return client as McpOAuthClientInformation;
    },
    async tokens() {
      if (login) return fresh;
      const stored = (await readEntry(configHome, serverUrl)).tokens;
      handedOut = stored?.access_token;
      return stored ? toWire(stored) : undefined;
    },
    async saveTokens(tokens) {
      const { expires_in, ...rest } = tokens;
      const stored = {
        ...rest,
        ...(expires_in === undefined ? {} : { expires_at: now() + expires_in * 1000 }),
      };
      await updateEntry(configHome, serverUrl, (entry) => ({
        ...entry,
        serverName: options.serverName,
        // A refresh that returns no new refresh token keeps the old one (RFC 6749 §6).
        tokens: { refresh_token: entry.tokens?.refresh_token, ...stored, token_type: rest.token_type },
      }));
      handedOut = tokens.access_token;
      if (login) fresh = tokens;
    },
    async redirectToAuthorization(authorizationUrl) {
      if (!login) throw new McpAuthRequiredError(options.serverName);
      await login.open(authorizationUrl);
    },
    saveCodeVerifier(verifier) {
      codeVerifier = verifier;
    },
    codeVerifier() {
      if (codeVerifier === undefined) throw new McpAuthRequiredError(options.serverName);
      return codeVerifier;
    },
    async invalidateCredentials(scope) {
      if (scope === 'verifier') codeVerifier = undefined;
      if (scope === 'verifier' || scope === 'discovery') return;
      const dropTokens = scope === 'tokens' || scope === 'all';
      const dropClient = scope === 'client' || scope === 'all';
      await updateEntry(configHome, serverUrl, ({ tokens, client, ...rest }) => {
        // Tokens another process stored meanwhile (a rotation that won a race) are not ours to drop.
        const keepTokens = tokens !== undefined && (!dropTokens || tokens.access_token !== handedOut);
        return {
          ...rest,
          ...(keepTokens ? { tokens } : {}),
          ...(client !== undefined && !dropClient ? { client } : {}),
        };
      });
      if (dropTokens) fresh = undefined;
    },
  };
  if (login) {
    provider.state = () => login.state;
    provider.saveClientInformation = async (information) => {
      await updateEntry(configHome, serverUrl, (entry) => ({
        ...entry,
        serverName: options.serverName,
        client: { ...information },
      }));
      registeredRedirect = information.redirect_uris?.[0];
    };
  }
  return provider;
}
