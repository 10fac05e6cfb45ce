import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestOAuthServerOptions {
  clientId: string;
  /** `expires_in` of issued access tokens. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh and revoke the old one (default true), as real servers do. */
  rotateRefreshTokens?: boolean;
  /** Answer every refresh_token grant with `invalid_grant`. */
  failRefresh?: boolean;
  /** Delay refresh responses, to widen race windows in concurrency tests. */
  refreshDelayMs?: number;
  /** Redirect every authorization with `error=access_denied`. */
  denyAuthorization?: boolean;
  /** Prefix of issued tokens. Default `sk-ant-oat01-test-` so redaction patterns apply. */
  tokenPrefix?: string;
}

export interface RecordedOAuthRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
  contentType: string | undefined;
  status: number;
  grantType?: string;
}

export interface TestOAuthServer {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Every request, in arrival order, with its response status. */
  requests: RecordedOAuthRequest[];
  /** Every code, access token and refresh token issued, for "no secret leaked" checks. */
  issuedSecrets(): string[];
  /** Number of successful refresh_token grants. */
  refreshCount(): number;
  setFailRefresh(fail: boolean): void;
  setAccessTokenTtlSeconds(seconds: number): void;
  setRefreshDelayMs(ms: number): void;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  used: boolean;
}

/**
 * A small OAuth 2.0 authorization server for tests and the CLI e2e suite: `/authorize` approves at once
 * (validating client_id, a 127.0.0.1 redirect_uri, an S256 code_challenge and state) and redirects back with
 * a code; `/token` serves authorization_code (with the PKCE verifier check) and refresh_token grants.
 */
export async function startTestOAuthServer(options: TestOAuthServerOptions): Promise<TestOAuthServer> {
  let ttlSeconds = options.accessTokenTtlSeconds ?? 3600;
  let failRefresh = options.failRefresh ?? false;
  let refreshDelayMs = options.refreshDelayMs ?? 0;
  const rotate = options.rotateRefreshTokens ?? true;
  const prefix = options.tokenPrefix ?? 'sk-ant-oat01-test-';
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, { scope: string; revoked: boolean }>();
  const issued: string[] = [];
  const requests: RecordedOAuthRequest[] = [];
  let refreshes = 0;

  const mint = (kind: string): string => {
    const token = `${prefix}${kind}-${randomBytes(16).toString('hex')}`;
    issued.push(token);
    return token;
  };

  const issueTokens = (scope: string): Record<string, unknown> => {
    const refreshToken = mint('refresh');
    refreshTokens.set(refreshToken, { scope, revoked: false });
    return {
      access_token: mint('access'),
      token_type: 'Bearer',
      expires_in: ttlSeconds,
      refresh_token: refreshToken,
      scope,
    };
  };

  const authorize = (
    query: Record<string, string>,
  ): { status: number; location?: string; error?: string } => {
    if (query.client_id !== options.clientId) return { status: 400, error: 'unknown client_id' };
    let redirect: URL;
    try {
      redirect = new URL(query.redirect_uri ?? '');
    } catch {
      return { status: 400, error: 'invalid redirect_uri' };
    }
    if (redirect.protocol !== 'http:' || redirect.hostname !== '127.0.0.1') {
      return { status: 400, error: 'redirect_uri must be http://127.0.0.1' };
    }
    if (query.response_type !== 'code') return { status: 400, error: 'response_type must be code' };
    if (!query.code_challenge || query.code_challenge_method !== 'S256') {
      return { status: 400, error: 'code_challenge with method S256 required' };
    }
    if (!query.state) return { status: 400, error: 'state required' };
    redirect.searchParams.set('state', query.state);
    if (options.denyAuthorization) {
      redirect.searchParams.set('error', 'access_denied');
      return { status: 302, location: redirect.toString() };
    }
    const code = mint('code');
    codes.set(code, {
      clientId: query.client_id,
      redirectUri: query.redirect_uri ?? '',
      challenge: query.code_challenge,
      scope: query.scope ?? '',
      used: false,
    });
    redirect.searchParams.set('code', code);
    return { status: 302, location: redirect.toString() };
  };

  const token = async (
    body: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const invalid = (error: string, description: string) => ({
      status: 400,
      json: { error, error_description: description },
    });
    if (body.client_id !== options.clientId) return { status: 401, json: { error: 'invalid_client' } };
    if (body.grant_type === 'authorization_code') {
      const pending = codes.get(body.code ?? '');
      if (!pending || pending.used) return invalid('invalid_grant', 'unknown or used code');
      pending.used = true;
      if (pending.redirectUri !== body.redirect_uri) return invalid('invalid_grant', 'redirect_uri mismatch');
      const challenge = createHash('sha256')
        .update(body.code_verifier ?? '', 'ascii')
        .digest('base64url');
      if (challenge !== pending.challenge) return invalid('invalid_grant', 'code_verifier does not match');
      return { status: 200, json: issueTokens(pending.scope) };
    }
    if (body.grant_type === 'refresh_token') {
      if (refreshDelayMs > 0) await sleep(refreshDelayMs);
      if (failRefresh) return invalid('invalid_grant', 'refresh token revoked by the test');
      const known = refreshTokens.get(body.refresh_token ?? '');
      if (!known || known.revoked) return invalid('invalid_grant', 'unknown or revoked refresh token');
      if (rotate) known.revoked = true;
      refreshes += 1;
      const json = issueTokens(known.scope);
      if (!rotate) {
        refreshTokens.delete(json.refresh_token as string);
        delete json.refresh_token;
      }
      return { status: 200, json };
    }
    return invalid('unsupported_grant_type', `grant_type ${body.grant_type ?? '(none)'}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const contentType = req.headers['content-type'];
    const body = await readBody(req, contentType);
    const record: RecordedOAuthRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body,
      contentType,
      status: 0,
    };
    if (body.grant_type) record.grantType = body.grant_type;
    requests.push(record);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const result = authorize(query);
      record.status = result.status;
      if (result.location) res.writeHead(302, { location: result.location }).end();
      else res.writeHead(result.status, { 'content-type': 'text/plain' }).end(result.error);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const result = await token(body);
      record.status = result.status;
      res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.json));
      return;
    }
    record.status = 404;
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    requests,
    issuedSecrets: () => [...issued],
    refreshCount: () => refreshes,
    setFailRefresh: (fail) => {
      failRefresh = fail;
    },
    setAccessTokenTtlSeconds: (seconds) => {
      ttlSeconds = seconds;
    },
    setRefreshDelayMs: (ms) => {
      refreshDelayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(
  req: IncomingMessage,
  contentType: string | undefined,
): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}
