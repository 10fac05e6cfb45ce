import type { FetchLike } from '../../src/index.js';

/** One scripted piece of a response body: text to send, a pause, or a connection drop. */
export type BodyStep = string | { delayMs: number } | { drop: string } | { hang: true };

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body: BodyStep[] | string;
}

export type Script = ScriptedResponse | Error | ((request: RecordedRequest) => ScriptedResponse | Error);

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const encoder = new TextEncoder();

function bodyStream(steps: BodyStep[], signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const onAbort = () => {
        try {
          controller.error(new DOMException('This operation was aborted', 'AbortError'));
        } catch {
          // already closed or errored: nothing left to cancel
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const step of steps) {
        if (signal?.aborted) return;
        if (typeof step === 'string') controller.enqueue(encoder.encode(step));
        else if ('delayMs' in step) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
        else if ('drop' in step) {
          // error() discards queued chunks; let the reader take what was "sent" before the drop.
          await new Promise((resolve) => setTimeout(resolve, 20));
          controller.error(new TypeError(step.drop));
          return;
        } else return; // hang: never close; only an abort ends it
      }
      controller.close();
    },
  });
}

/** A fetch that replays scripted responses in order and records every request it received. */
export function scriptedFetch(scripts: Script[]): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  let call = 0;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const recorded: RecordedRequest = {
      url: String(input instanceof Request ? input.url : input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {},
    };
    requests.push(recorded);
    const script = scripts[Math.min(call, scripts.length - 1)];
    call += 1;
    if (script === undefined) throw new Error('no scripted response');
    const resolved = typeof script === 'function' ? script(recorded) : script;
    if (resolved instanceof Error) throw resolved;
    const steps = typeof resolved.body === 'string' ? [resolved.body] : resolved.body;
    const isJson = typeof resolved.body === 'string' && resolved.body.startsWith('{');
    return new Response(bodyStream(steps, init?.signal ?? undefined), {
      status: resolved.status ?? 200,
      headers: {
        'content-type': isJson ? 'application/json' : 'text/event-stream',
        ...resolved.headers,
      },
    });
  };
  return Object.assign(fetchImpl, { requests });
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function dataOnly(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
