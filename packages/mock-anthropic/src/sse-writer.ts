import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './scenarios/step.js';
import { frameSseEvent, type SseEvent } from './sse-event.js';

/** Faults that happen inside a stream (HTTP-status faults and resets are answered before streaming starts). */
export type StreamFault = Exclude<Fault, { kind: 'http_error' | 'connection_reset' }>;

/** The provider-specific frames a stream fault writes. */
export interface FaultFrames {
  malformed: string;
  error(fault: Extract<StreamFault, { kind: 'stream_error_event' }>): string;
}

export interface EventStreamOptions {
  delayMs: number;
  fault?: StreamFault;
  faultFrames: FaultFrames;
  /** Written after the last event, e.g. OpenAI's `data: [DONE]\n\n`. */
  trailer?: string;
}

/** Index of the event after which the fault fires: the N-th content delta, else the last one, else the first event. */
function faultIndex(events: readonly SseEvent[], afterDeltas: number): number {
  let seen = 0;
  let lastDelta = -1;
  for (const [index, event] of events.entries()) {
    if (!event.isContentDelta) continue;
    seen++;
    lastDelta = index;
    if (seen >= afterDeltas) return index;
  }
  return afterDeltas === 0 || lastDelta === -1 ? 0 : lastDelta;
}

function isGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded;
}

/** Writes the events with the configured pacing; a stream fault cuts the stream as it says. */
export async function writeEventStream(
  response: ServerResponse,
  events: readonly SseEvent[],
  options: EventStreamOptions,
): Promise<void> {
  const fault = options.fault;
  const failAfter = fault ? faultIndex(events, fault.afterDeltas ?? 1) : -1;
  for (const [index, event] of events.entries()) {
    if (isGone(response)) return;
    if (index > 0 && options.delayMs > 0) await sleep(options.delayMs);
    if (isGone(response)) return;
    response.write(frameSseEvent(event));
    if (fault && index === failAfter) {
      if (fault.kind === 'drop_mid_stream') {
        // Give the written bytes a moment to leave before the reset, so the client sees a partial stream.
        await sleep(10);
        response.socket?.destroy();
        response.destroy();
        return;
      }
      // Nothing more is written and the response is never ended; the client's abort closes the socket.
      if (fault.kind === 'stall_mid_stream') return;
      response.end(
        fault.kind === 'malformed_event' ? options.faultFrames.malformed : options.faultFrames.error(fault),
      );
      return;
    }
  }
  response.end(options.trailer ?? '');
}
