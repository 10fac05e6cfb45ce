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

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface OpenToolCall {
  index: number;
  id: string;
  /** The id the server sent, if any (ours is synthesized otherwise). */
  serverId: string | undefined;
  name: string;
  args: string;
}

function isCompleteJson(text: string): boolean {
  if (!text.trim()) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function mapFinishReason(reason: string | undefined, hasToolCalls: boolean): StopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      // Some local servers say `stop` after a tool call; the calls are what the loop must act on.
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}

/**
 * Assembles Chat Completions chunks into claw StreamEvents. Tolerates what local servers send: arguments as
 * an object, missing tool-call ids or indexes, a whole call in one chunk, reasoning text, no usage.
 */
export class OpenAIStreamAssembler {
  private id = '';
  private model = '';
  private startSent = false;
  private nextIndex = 0;
  private text: { index: number; text: string } | undefined;
  private thinking: { index: number; thinking: string } | undefined;
  private readonly calls: OpenToolCall[] = [];
  private readonly callsById = new Map<string, OpenToolCall>();
  private readonly callsByIndex = new Map<number, OpenToolCall>();
  private finishReason: string | undefined;
  private readonly usage: Usage = emptyUsage();

  constructor(
    private readonly requestModel: string,
    private readonly invalid: (detail: string) => ApiError,
    private readonly fallbackId: string,
    private readonly requestId?: string,
  ) {}

  get finished(): boolean {
    return this.finishReason !== undefined;
  }

  handle(raw: unknown): StreamEvent[] {
    const chunk = asRecord(raw);
    if (!chunk) throw this.invalid('chunk is not a JSON object');
    const out: StreamEvent[] = [];
    if (!this.id) this.id = asString(chunk.id) || this.fallbackId;
    if (!this.model) this.model = asString(chunk.model) || this.requestModel;
    const usage = asRecord(chunk.usage);
    if (usage) this.applyUsage(usage);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = asRecord(choices[0]);
    if (!choice) return out;
    const delta = asRecord(choice.delta) ?? asRecord(choice.message) ?? {};
    const reasoning = asString(delta.reasoning_content) ?? asString(delta.reasoning);
    if (reasoning) {
      this.thinking ??= { index: this.nextIndex++, thinking: '' };
      this.thinking.thinking += reasoning;
      out.push({ type: 'thinking_delta', index: this.thinking.index, thinking: reasoning });
    }
    const content = asString(delta.content);
    if (content) {
      this.text ??= { index: this.nextIndex++, text: '' };
      this.text.text += content;
      out.push({ type: 'text_delta', index: this.text.index, text: content });
    }
    const toolCalls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    for (const call of toolCalls) this.applyToolCall(asRecord(call) ?? {}, out);
    const finish = asString(choice.finish_reason);
    if (finish) this.finishReason = finish;
    return this.withStart(out);
  }

  private withStart(out: StreamEvent[]): StreamEvent[] {
    if (this.startSent || out.length === 0) return out;
    this.startSent = true;
    return [{ type: 'message_start', id: this.id, model: this.model, usage: { ...this.usage } }, ...out];
  }

  private applyToolCall(call: Json, out: StreamEvent[]) {
    const fn = asRecord(call.function) ?? {};
    const id = asString(call.id) || undefined;
    const name = asString(fn.name) || undefined;
    const index = typeof call.index === 'number' ? call.index : undefined;
    let open: OpenToolCall | undefined;
    if (id && this.callsById.has(id)) open = this.callsById.get(id);
    else if (index !== undefined) {
      const candidate = this.callsByIndex.get(index);
      // Some servers number every call 0: a new server id under a used index is a new call, and so is a
      // new function name after the open call's arguments already form complete JSON.
      const newId = id && candidate?.serverId && candidate.serverId !== id;
      const newCall = name && candidate?.name && isCompleteJson(candidate.args);
      if (candidate && !newId && !newCall) open = candidate;
    } else if (!id && !name) {
      // No index, id or name: a continuation of the call being streamed.
      open = this.calls[this.calls.length - 1];
    }
    if (!open) {
      const ordinal = this.calls.length;
      open = {
        index: this.nextIndex++,
        // Stable for the whole message: the same id reaches tool_use_start, block_stop and the final message.
        id: id ?? `call_${this.id || this.fallbackId}_${ordinal}`,
        serverId: id,
        name: name ?? '',
        args: '',
      };
      this.calls.push(open);
      if (index !== undefined) this.callsByIndex.set(index, open);
      if (id) this.callsById.set(id, open);
      out.push({ type: 'tool_use_start', index: open.index, id: open.id, name: open.name });
    } else if (name && !open.name) {
      open.name = name;
    }
    const args = fn.arguments;
    const piece =
      typeof args === 'string' ? args : args !== undefined && args !== null ? JSON.stringify(args) : '';
    if (piece) {
      open.args += piece;
      out.push({ type: 'tool_input_delta', index: open.index, partialJson: piece });
    }
  }

  private applyUsage(usage: Json) {
    const prompt = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
    const details = asRecord(usage.prompt_tokens_details);
    const cached = details && typeof details.cached_tokens === 'number' ? details.cached_tokens : 0;
    // Anthropic's input_tokens exclude cache reads; keep the same meaning so costs add up the same way.
    this.usage.input_tokens = Math.max(0, prompt - cached);
    this.usage.cache_read_input_tokens = cached;
    if (typeof usage.completion_tokens === 'number') this.usage.output_tokens = usage.completion_tokens;
  }

  /** Closes every block (once) and returns the trailing events, ending with message_stop. */
  finish(): StreamEvent[] {
    const stopReason = mapFinishReason(this.finishReason, this.calls.length > 0);
    const blocks: Array<{ index: number; block: ContentBlock }> = [];
    let incomplete: IncompleteToolUse | undefined;
    if (this.thinking) {
      // No signature exists outside Anthropic; an empty one marks the block as not replayable there.
      blocks.push({
        index: this.thinking.index,
        block: { type: 'thinking', thinking: this.thinking.thinking, signature: '' },
      });
    }
    if (this.text) blocks.push({ index: this.text.index, block: { type: 'text', text: this.text.text } });
    for (const call of this.calls) {
      if (!call.name) throw this.invalid(`tool call ${call.id} has no function name`);
      try {
        blocks.push({
          index: call.index,
          block: { type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.args || '{}') },
        });
      } catch (error) {
        if (stopReason !== 'max_tokens') {
          throw this.invalid(
            `arguments of tool call '${call.name}' (${call.id}) are not valid JSON: ${(error as Error).message}`,
          );
        }
        incomplete = { index: call.index, id: call.id, name: call.name, partialJson: call.args };
      }
    }
    blocks.sort((a, b) => a.index - b.index);
    const out: StreamEvent[] = blocks.map(({ index, block }) => ({ type: 'block_stop', index, block }));
    const message: AssistantMessage = {
      id: this.id || this.fallbackId,
      model: this.model || this.requestModel,
      role: 'assistant',
      content: blocks.map(({ block }) => block),
      stopReason,
      stopSequence: null,
      usage: { ...this.usage },
    };
    if (this.requestId) message.requestId = this.requestId;
    if (incomplete) message.incompleteToolUse = incomplete;
    out.push({ type: 'message_stop', message });
    return this.withStart(out);
  }
}
