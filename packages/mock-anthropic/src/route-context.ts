import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from './api-error.js';
import type { JsonObject } from './conversation/json-shapes.js';
import type { FaultTracker } from './fault-tracker.js';
import type { ReplySettings } from './prepare-reply.js';
import type { SelectedReply } from './reply-selection.js';

/** What a route handler gets: the parsed request, the server's fault memory, and ways to answer. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  /** The parsed JSON body (an empty object for bodiless requests). */
  body: JsonObject;
  rawBody: string;
  requestId: string;
  faults: FaultTracker;
  settings: ReplySettings;
  /** Headers every response carries (`request-id`). */
  baseHeaders: Record<string, string>;
  /** A fresh id with the given prefix, e.g. `msg_mock_000001`. */
  nextId(prefix: string): string;
  /** Names the scenario and step in the request log. */
  noteSelection(selection: SelectedReply): void;
  /** Sends an error in the route's provider format. */
  sendError(error: ApiError): void;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;
