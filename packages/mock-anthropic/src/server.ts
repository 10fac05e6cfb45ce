import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCountTokens, handleMessages } from './anthropic/messages-route.js';
import { type ApiError, anthropicErrorBody, openAiErrorBody } from './api-error.js';
import { authenticationFailure } from './auth.js';
import { isObject, type JsonObject } from './conversation/json-shapes.js';
import { FaultTracker } from './fault-tracker.js';
import { headerRecord, readBody, sendJson } from './http-io.js';
import { handleListModels } from './models-route.js';
import { handleChatCompletions } from './openai/chat-completions-route.js';
import type { RouteContext, RouteHandler } from './route-context.js';

export interface MockServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Characters per `input_json_delta` / streamed tool arguments piece; default 16. Steps may override. */
  toolInputChunkSize?: number;
  /** Characters per text/thinking delta; default 12. Steps may override. */
  textChunkSize?: number;
  /** Reject requests without `x-api-key` / `Authorization: Bearer` (default true). */
  requireAuth?: boolean;
  /** Called once per request when its response has finished or its connection closed. */
  onRequestHandled?: (entry: HandledRequest) => void;
  /** Credentials (API keys or bearer tokens) answered with 401 `authentication_error`; see `revokeCredential`. */
  revokedCredentials?: readonly string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/messages` even for `/v1/messages?beta=true`. */
  path: string;
  /** The request target as sent, query included. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** `Date.now()` when the body had been read. */
  receivedAt: number;
}

export interface HandledRequest {
  request: RecordedRequest;
  status: number;
  /** False when the connection closed before the response finished (drop faults, client aborts). */
  completed: boolean;
  scenario?: string;
  stepIndex?: number;
  durationMs: number;
}

export interface MockServer {
  /** `http://HOST:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
  /** Clears recorded requests, fault attempt counts and id counters. */
  reset(): void;
  /**
   * From now on, requests carrying this `x-api-key` or bearer token get 401 `authentication_error`, as the
   * API answers a revoked key or an expired OAuth token (for testing refresh-and-retry). `reset()` keeps it.
   */
  revokeCredential(value: string): void;
}

type Flavor = 'anthropic' | 'openai';

interface Route {
  method: 'GET' | 'POST';
  flavor: Flavor;
  authenticated: boolean;
  handle: RouteHandler;
}

const ROUTES: Record<string, Route> = {
  'POST /v1/messages': { method: 'POST', flavor: 'anthropic', authenticated: true, handle: handleMessages },
  'POST /v1/messages/count_tokens': {
    method: 'POST',
    flavor: 'anthropic',
    authenticated: true,
    handle: handleCountTokens,
  },
  'POST /v1/chat/completions': {
    method: 'POST',
    flavor: 'openai',
    authenticated: true,
    handle: handleChatCompletions,
  },
  'GET /v1/models': { method: 'GET', flavor: 'anthropic', authenticated: true, handle: handleListModels },
  'GET /health': {
    method: 'GET',
    flavor: 'anthropic',
    authenticated: false,
    handle: (context) => sendJson(context.response, 200, { status: 'ok' }, context.baseHeaders),
  },
};

function parseBody(rawBody: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (rawBody === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(rawBody) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}

/** Starts a mock Anthropic (and OpenAI-compatible) server. See the package README for scenarios and faults. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const faults = new FaultTracker();
  const settings = {
    textChunkSize: options.textChunkSize ?? 12,
    toolInputChunkSize: options.toolInputChunkSize ?? 16,
  };
  const requireAuth = options.requireAuth ?? true;
  const revoked = new Set(options.revokedCredentials ?? []);
  const counters = new Map<string, number>();
  const nextId = (prefix: string): string => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}${String(next).padStart(6, '0')}`;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const rawBody = await readBody(request);
    const url = request.url ?? '/';
    const path = new URL(url, 'http://mock.invalid').pathname;
    const parsed = parseBody(rawBody);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      url,
      headers: headerRecord(request.headers),
      body: parsed.ok ? parsed.value : rawBody,
      receivedAt: Date.now(),
    };
    requests.push(recorded);

    const requestId = nextId('req_mock_');
    const route = ROUTES[`${recorded.method} ${path}`];
    const flavor: Flavor = route?.flavor ?? 'anthropic';
    const baseHeaders = { 'request-id': requestId, 'x-request-id': requestId };
    const sendError = (error: ApiError): void => {
      const body =
        flavor === 'openai' ? openAiErrorBody(error) : anthropicErrorBody(error.type, error.message);
      sendJson(response, error.status, body, { ...error.headers, ...baseHeaders });
    };
    let selected: { scenario: string; stepIndex: number } | undefined;
    response.on('close', () => {
      options.onRequestHandled?.({
        request: recorded,
        status: response.statusCode,
        completed: response.writableFinished,
        ...selected,
        durationMs: Math.round(performance.now() - started),
      });
    });

    if (!route)
      return sendError({
        status: 404,
        type: 'not_found_error',
        message: `Not found: ${recorded.method} ${path}`,
      });
    const authFailure =
      requireAuth && route.authenticated
        ? authenticationFailure(request.headers, revoked, route.flavor)
        : undefined;
    if (authFailure) return sendError(authFailure);
    if (!parsed.ok) {
      return sendError({
        status: 400,
        type: 'invalid_request_error',
        message: `Malformed JSON body: ${parsed.problem}`,
      });
    }
    let body: JsonObject = {};
    if (route.method === 'POST') {
      if (!isObject(parsed.value)) {
        return sendError({
          status: 400,
          type: 'invalid_request_error',
          message: 'Request body must be a JSON object.',
        });
      }
      body = parsed.value;
    }
    const context: RouteContext = {
      request,
      response,
      body,
      rawBody,
      requestId,
      faults,
      settings,
      baseHeaders,
      nextId,
      noteSelection: (selection) => {
        selected = { scenario: selection.scenario, stepIndex: selection.stepIndex };
      },
      sendError,
    };
    await route.handle(context);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the mock must be loud: answer 500 with the cause, or cut the stream if it had started.
      const message = `Mock server failure: ${error instanceof Error ? error.message : String(error)}`;
      if (response.headersSent) response.destroy(error instanceof Error ? error : undefined);
      else sendJson(response, 500, anthropicErrorBody('api_error', message));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    reset() {
      requests.length = 0;
      faults.reset();
      counters.clear();
    },
    revokeCredential(value) {
      revoked.add(value);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Streams in progress and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
