import { chunkSizes } from './chunking.js';
import type { ChunkSize, MockStep, StopReason, Usage } from './scenarios/step.js';
import { estimateTokens } from './token-estimate.js';

/** A content block of the reply, ready to be sent in either provider's wire format. */
export type PlannedBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | {
      type: 'tool_use';
      id: string;
      name: string;
      input: unknown;
      /** The JSON streamed for the input; a prefix of it when the call is cut off. */
      streamedJson: string;
      /** False when `max_tokens` cut the input JSON off. */
      complete: boolean;
    };

/** Everything needed to write one reply, independent of the wire format. */
export interface PlannedReply {
  blocks: PlannedBlock[];
  stopReason: StopReason;
  stopSequence: string | null;
  usage: Usage;
  textChunkSizes: number[];
  toolInputChunkSizes: number[];
  delayMs: number;
}

export interface PlanContext {
  inputTokens: number;
  /** Number of messages in the request; makes default tool ids unique within a conversation. */
  messageCount: number;
  textChunkSize: ChunkSize;
  toolInputChunkSize: ChunkSize;
  toolIdPrefix: string;
  /**
   * The request enabled extended thinking: like the real model, every reply then starts with a thinking
   * block (a step without its own thinking gets a short one), which the API requires sent back before tool
   * results.
   */
  thinkingEnabled?: boolean;
}

const DEFAULT_SIGNATURE_PREFIX = 'mock-signature-';
const DEFAULT_THINKING = 'Considering the request before answering.';

function toolBlocks(step: MockStep, context: PlanContext): PlannedBlock[] {
  return (step.toolUses ?? []).map((use, index) => {
    const json = JSON.stringify(use.input ?? {});
    const cut = use.truncateInputAt !== undefined && use.truncateInputAt < json.length;
    return {
      type: 'tool_use',
      id: use.id ?? `${context.toolIdPrefix}_${context.messageCount}_${index}`,
      name: use.name,
      input: cut ? {} : (use.input ?? {}),
      streamedJson: cut ? json.slice(0, use.truncateInputAt) : json,
      complete: !cut,
    };
  });
}

function generatedCharacters(blocks: readonly PlannedBlock[]): number {
  return blocks.reduce((sum, block) => {
    if (block.type === 'thinking') return sum + block.thinking.length;
    if (block.type === 'text') return sum + block.text.length;
    return sum + block.name.length + block.streamedJson.length;
  }, 0);
}

/** Turns a scenario step into blocks, stop reason and usage (estimated unless the step overrides it). */
export function planReply(step: MockStep, context: PlanContext): PlannedReply {
  const blocks: PlannedBlock[] = [];
  const thinking = step.thinking ?? (context.thinkingEnabled ? DEFAULT_THINKING : undefined);
  if (thinking !== undefined) {
    const signature = step.thinkingSignature ?? `${DEFAULT_SIGNATURE_PREFIX}${thinking.length}`;
    blocks.push({ type: 'thinking', thinking, signature });
  }
  // `text: ''` is an empty text block, which the real model does stream (before a tool call, say).
  if (step.text !== undefined) blocks.push({ type: 'text', text: step.text });
  blocks.push(...toolBlocks(step, context));

  const hasToolUse = blocks.some((block) => block.type === 'tool_use');
  const stopReason = step.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn');
  const usage: Usage = {
    // Key order as the API sends it.
    input_tokens: step.usage?.input_tokens ?? context.inputTokens,
    cache_creation_input_tokens: step.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: step.usage?.cache_read_input_tokens ?? 0,
    output_tokens: step.usage?.output_tokens ?? Math.max(1, estimateTokens(generatedCharacters(blocks))),
  };
  return {
    blocks,
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? (step.stopSequence ?? null) : null,
    usage,
    textChunkSizes: chunkSizes(step.textChunkSize ?? context.textChunkSize),
    toolInputChunkSizes: chunkSizes(step.toolInputChunkSize ?? context.toolInputChunkSize),
    delayMs: step.delayMs ?? 0,
  };
}
