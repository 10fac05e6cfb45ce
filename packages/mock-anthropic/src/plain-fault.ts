import { statusForErrorType } from './api-error.js';
import type { RouteContext } from './route-context.js';
import type { StreamFault } from './sse-writer.js';

/**
 * Answers a mid-stream fault on a non-streaming request with the nearest thing a plain response can do:
 * a dropped connection, no answer at all, a truncated JSON body, or the error as an HTTP error.
 */
export function answerStreamFaultWithoutStream(
  context: RouteContext,
  fault: StreamFault,
  truncatedBody: string,
): void {
  switch (fault.kind) {
    case 'drop_mid_stream':
      context.response.socket?.destroy();
      return;
    case 'stall_mid_stream':
      // No answer at all: only the client's timeout or abort ends the request.
      return;
    case 'malformed_event':
      context.response.writeHead(200, { ...context.baseHeaders, 'content-type': 'application/json' });
      context.response.end(truncatedBody);
      return;
    case 'stream_error_event': {
      const type = fault.errorType ?? 'overloaded_error';
      context.sendError({ status: statusForErrorType(type), type, message: fault.message ?? 'Overloaded' });
      return;
    }
  }
}
