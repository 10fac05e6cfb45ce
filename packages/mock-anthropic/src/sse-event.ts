/** One server-sent event: `event:` name (omitted for OpenAI-style streams) and its JSON data. */
export interface SseEvent {
  event?: string;
  data: unknown;
  /** Counts towards a fault's `afterDeltas` (text, thinking and tool-input deltas). */
  isContentDelta: boolean;
}

/** Frames an event exactly as the APIs do: `event: NAME\ndata: JSON\n\n`, or just `data: JSON\n\n`. */
export function frameSseEvent(event: SseEvent): string {
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  return event.event === undefined ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
}
