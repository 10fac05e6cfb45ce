import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from './errors.js';

export interface AuthorizationCode {
  code: string;
}

export interface LoopbackCallbackServer {
  /** `http://127.0.0.1:<port><path>`: an IP literal, as RFC 8252 §7.3 recommends over `localhost`. */
  redirectUri: string;
  /** Settles once, with the code or with the reason the callback was rejected. */
  result: Promise<AuthorizationCode>;
  close(): Promise<void>;
}

const PAGE_STYLE = 'font-family:system-ui,sans-serif;text-align:center;padding:3em';
const page = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="${PAGE_STYLE}"><h1>${title}</h1><p>${body}</p></body></html>`;

/**
 * The loopback redirect target: listens on 127.0.0.1 on a random port and accepts exactly one well-formed
 * callback. A callback with the wrong `state` (a forged or stale redirect) fails the login rather than
 * being ignored, so the user sees why.
 */
export async function startLoopbackCallbackServer(options: {
  path: string;
  /** 0 or absent: a random free port. */
  port?: number;
  expectedState: string;
}): Promise<LoopbackCallbackServer> {
  let settle: { resolve: (value: AuthorizationCode) => void; reject: (error: AuthError) => void } | undefined;
  const result = new Promise<AuthorizationCode>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The flow may stop listening (paste won, timeout) before this settles; that is not an unhandled error.
  result.catch(() => undefined);
  let done = false;

  const finish = (res: ServerResponse, status: number, html: string, outcome: () => void): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end(html);
    if (!done) {
      done = true;
      outcome();
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== options.path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (done) {
      res.writeHead(409, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Already handled', 'This sign-in has already finished. You can close this tab.'));
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    // State first: only the authorization server knows it, so an `?error=` from any other local page is a
    // forged redirect like any other, and its text never reaches the terminal.
    if (state !== options.expectedState) {
      finish(
        res,
        400,
        page('Sign-in rejected', 'The request did not match this sign-in (state mismatch).'),
        () => settle?.reject(stateMismatchError()),
      );
      return;
    }
    if (error !== null) {
      const description = terminalSafe(url.searchParams.get('error_description') ?? '');
      finish(
        res,
        400,
        page('Sign-in failed', 'The authorization server refused the request. Return to the terminal.'),
        () =>
          settle?.reject(
            new AuthError(
              'oauth-denied',
              `The authorization server returned "${terminalSafe(error)}"${description ? `: ${description}` : ''}.`,
              'Run `claw login` to try again.',
            ),
          ),
      );
      return;
    }
    if (code === null || code === '') {
      finish(res, 400, page('Sign-in failed', 'The redirect carried no authorization code.'), () =>
        settle?.reject(
          new AuthError(
            'token-exchange',
            'The OAuth redirect carried no authorization code.',
            'Run `claw login` again.',
          ),
        ),
      );
      return;
    }
    finish(res, 200, page('Signed in to claw', 'You can close this tab and return to the terminal.'), () =>
      settle?.resolve({ code }),
    );
  };

  // node:http loads here, for `claw login`, instead of with every command that reads credentials.
  const { createServer } = await import('node:http');
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AuthError(
              'oauth-not-configured',
              `The OAuth callback port ${options.port} on 127.0.0.1 is already in use.`,
              'Close whatever listens there (another `claw login`?), or change `oauth.callbackPort` in settings.',
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    redirectUri: `http://127.0.0.1:${port}${options.path}`,
    result,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Text from a URL, fit for the terminal: no control characters (escape sequences), at most 300 characters. */
function terminalSafe(text: string): string {
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return printable.length > 300 ? `${printable.slice(0, 300)}…` : printable;
}

export function stateMismatchError(): AuthError {
  return new AuthError(
    'state-mismatch',
    'The OAuth callback did not match this sign-in (state mismatch); it was rejected.',
    'Run `claw login` again and finish it in the browser window it opens.',
  );
}
