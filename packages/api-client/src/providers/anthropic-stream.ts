import type Anthropic from '@anthropic-ai/sdk';
import type { ApiError } from '../errors.js';
import {
  type AssistantMessage,
  type ContentBlock,
  emptyUsage,
  type IncompleteToolUse,
  type StopReason,
  type StreamEvent,
  type Usage,
} from '../types.js';

type RawEvent = Anthropic.RawMessageStreamEvent;

type OpenBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  /** `seed`: an input sent whole in content_block_start (some gateways do), used when no deltas follow. */
  | { type: 'tool_use'; id: string; name: string; json: string; seed: unknown }
  | { type: 'ignored' };

const STOP_REASONS: ReadonlySet<string> = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
]);

export function mapAnthropicStopReason(reason: string | null | undefined): StopReason | null {
  if (reason === null || reason === undefined) return null;
  if (STOP_REASONS.has(reason)) return reason as StopReason;
  // The window filled before max_tokens did: for the loop it is the same situation.
  if (reason === 'model_context_window_exceeded') return 'max_tokens';
  return null;
}

function isNonEmptyObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
  );
}

function mergeUsage(target: Usage, update: Partial<Record<keyof Usage, number | null | undefined>>): void {
  for (const key of Object.keys(target) as Array<keyof Usage>) {
    const value = update[key];
    if (typeof value === 'number') target[key] = value;
  }
}

/**
 * Turns Anthropic's raw SSE events into claw StreamEvents and the final AssistantMessage. Tool input JSON is
 * parsed once, at content_block_stop. `message_start` is held back until the first content event, so a
 * connection that drops before any content can be retried without the caller seeing a second start.
 */
export class AnthropicStreamAssembler {
  private readonly blocks = new Map<number, OpenBlock>();
  private readonly finished = new Map<number, ContentBlock>();
  private readonly usage: Usage = emptyUsage();
  private id = '';
  private model = '';
  private startSent = false;
  private sawStart = false;
  private stopReason: StopReason | null = null;
  private stopSequence: string | null = null;
  private badToolJson: IncompleteToolUse | undefined;
  private badToolJsonError = '';
  done = false;

  constructor(
    private readonly invalid: (detail: string) => ApiError,
    private readonly requestId?: string,
  ) {}

  handle(event: RawEvent): StreamEvent[] {
    const out: StreamEvent[] = [];
    switch (event.type) {
      case 'message_start': {
        this.sawStart = true;
        this.id = event.message.id;
        this.model = event.message.model;
        if (event.message.usage) mergeUsage(this.usage, event.message.usage);
        return out;
      }
      case 'content_block_start':
        this.startBlock(event.index, event.content_block, out);
        break;
      case 'content_block_delta':
        this.applyDelta(event.index, event.delta, out);
        break;
      case 'content_block_stop':
        this.stopBlock(event.index, out);
        break;
      case 'message_delta': {
        this.stopReason = mapAnthropicStopReason(event.delta.stop_reason);
        this.stopSequence = event.delta.stop_sequence ?? null;
        if (event.usage) mergeUsage(this.usage, event.usage);
        if (this.badToolJson && this.stopReason !== 'max_tokens') throw this.invalid(this.badToolJsonError);
        return out;
      }
      case 'message_stop':
        out.push({ type: 'message_stop', message: this.finish() });
        this.done = true;
        break;
      default:
        // Event types newer than this client (the API may add them) are skipped, as the SDK advises.
        return out;
    }
    return this.withStart(out);
  }

  private withStart(out: StreamEvent[]): StreamEvent[] {
    if (this.startSent || out.length === 0) return out;
    if (!this.sawStart) throw this.invalid('content arrived before message_start');
    this.startSent = true;
    return [{ type: 'message_start', id: this.id, model: this.model, usage: { ...this.usage } }, ...out];
  }

  private startBlock(
    index: number,
    block: Anthropic.RawContentBlockStartEvent['content_block'],
    out: StreamEvent[],
  ) {
    const raw = block as unknown as Record<string, unknown>;
    switch (raw.type) {
      case 'text': {
        const text = typeof raw.text === 'string' ? raw.text : '';
        this.blocks.set(index, { type: 'text', text });
        if (text) out.push({ type: 'text_delta', index, text });
        return;
      }
      case 'thinking':
        this.blocks.set(index, {
          type: 'thinking',
          thinking: typeof raw.thinking === 'string' ? raw.thinking : '',
          signature: typeof raw.signature === 'string' ? raw.signature : '',
        });
        return;
      case 'redacted_thinking':
        this.blocks.set(index, {
          type: 'redacted_thinking',
          data: typeof raw.data === 'string' ? raw.data : '',
        });
        return;
      case 'tool_use': {
        if (typeof raw.id !== 'string' || typeof raw.name !== 'string') {
          throw this.invalid(`tool_use block ${index} has no id or name`);
        }
        const seed = isNonEmptyObject(raw.input) ? raw.input : undefined;
        this.blocks.set(index, { type: 'tool_use', id: raw.id, name: raw.name, json: '', seed });
        out.push({ type: 'tool_use_start', index, id: raw.id, name: raw.name });
        return;
      }
      default:
        // Server tools (web search results etc.) are not part of claw's content model.
        this.blocks.set(index, { type: 'ignored' });
    }
  }

  private applyDelta(index: number, delta: Anthropic.RawContentBlockDelta, out: StreamEvent[]) {
    const block = this.blocks.get(index);
    if (!block) throw this.invalid(`delta for block ${index}, which was never started`);
    switch (delta.type) {
      case 'text_delta':
        if (block.type !== 'text') throw this.invalid(`text delta for a ${block.type} block`);
        block.text += delta.text;
        out.push({ type: 'text_delta', index, text: delta.text });
        return;
      case 'thinking_delta':
        if (block.type !== 'thinking') throw this.invalid(`thinking delta for a ${block.type} block`);
        block.thinking += delta.thinking;
        out.push({ type: 'thinking_delta', index, thinking: delta.thinking });
        return;
      case 'signature_delta':
        if (block.type === 'thinking') block.signature += delta.signature;
        return;
      case 'input_json_delta':
        if (block.type === 'ignored') return;
        if (block.type !== 'tool_use') throw this.invalid(`tool input delta for a ${block.type} block`);
        block.json += delta.partial_json;
        out.push({ type: 'tool_input_delta', index, partialJson: delta.partial_json });
        return;
      default:
        return;
    }
  }

  private stopBlock(index: number, out: StreamEvent[]) {
    const block = this.blocks.get(index);
    if (!block) throw this.invalid(`content_block_stop for block ${index}, which was never started`);
    this.blocks.delete(index);
    const finished = this.closeBlock(index, block);
    if (finished) {
      this.finished.set(index, finished);
      out.push({ type: 'block_stop', index, block: finished });
    }
  }

  private closeBlock(index: number, block: OpenBlock): ContentBlock | undefined {
    switch (block.type) {
      case 'text':
        return { type: 'text', text: block.text };
      case 'thinking':
        return { type: 'thinking', thinking: block.thinking, signature: block.signature };
      case 'redacted_thinking':
        return { type: 'redacted_thinking', data: block.data };
      case 'tool_use': {
        try {
          // The API starts every tool_use with `input: {}` and streams the JSON; deltas, when any came, win.
          const input = block.json ? JSON.parse(block.json) : (block.seed ?? {});
          return { type: 'tool_use', id: block.id, name: block.name, input };
        } catch (error) {
          // Valid only if the message turns out to have stopped on max_tokens; decided at message_delta.
          this.badToolJson = { index, id: block.id, name: block.name, partialJson: block.json };
          this.badToolJsonError = `input of tool call '${block.name}' (${block.id}) is not valid JSON: ${(error as Error).message}`;
          return undefined;
        }
      }
      case 'ignored':
        return undefined;
    }
  }

  private finish(): AssistantMessage {
    // A max_tokens cut can leave blocks open; close them so the partial text is kept.
    for (const [index, block] of [...this.blocks]) {
      this.blocks.delete(index);
      const finished = this.closeBlock(index, block);
      if (finished) this.finished.set(index, finished);
    }
    if (this.badToolJson && this.stopReason !== 'max_tokens') throw this.invalid(this.badToolJsonError);
    const content = [...this.finished.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    const message: AssistantMessage = {
      id: this.id,
      model: this.model,
      role: 'assistant',
      content,
      stopReason: this.stopReason,
      stopSequence: this.stopSequence,
      usage: { ...this.usage },
    };
    if (this.requestId) message.requestId = this.requestId;
    if (this.badToolJson) message.incompleteToolUse = this.badToolJson;
    return message;
  }

  /** Events that reached the caller; after that a failure can no longer be retried transparently. */
  get started(): boolean {
    return this.startSent;
  }
}
