import { ApiError } from './errors.js';
import type { ModelInfo } from './models.js';
import type { ContentBlock, ModelRequest } from './types.js';

/** Roughly what the API charges for one image (Anthropic caps images at about 1,600 tokens). */
const IMAGE_TOKENS = 1_600;
/** Role markers and block framing per message. */
const MESSAGE_OVERHEAD = 4;

function chars(value: unknown): number {
  return typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length;
}

function blockTokens(block: ContentBlock): number {
  switch (block.type) {
    case 'text':
      return block.text.length / 4;
    case 'image':
      return IMAGE_TOKENS;
    case 'tool_use':
      return (block.name.length + chars(block.input)) / 4;
    case 'tool_result':
      return typeof block.content === 'string'
        ? block.content.length / 4
        : block.content.reduce((sum, part) => sum + blockTokens(part), 0);
    case 'thinking':
      return block.thinking.length / 4;
    case 'redacted_thinking':
      return block.data.length / 4;
  }
}

/**
 * A fast, tokenizer-free estimate of a request's input tokens (about 4 characters per token, plus fixed
 * costs for images and message framing). Good for deciding whether a request can fit, not for billing.
 */
export function estimateRequestTokens(request: ModelRequest): number {
  let total = 0;
  if (typeof request.system === 'string') total += request.system.length / 4;
  else if (request.system) total += request.system.reduce((sum, block) => sum + block.text.length / 4, 0);
  for (const tool of request.tools ?? [])
    total += (tool.name.length + tool.description.length + chars(tool.input_schema)) / 4;
  for (const message of request.messages) {
    total += MESSAGE_OVERHEAD;
    for (const block of message.content) total += blockTokens(block);
  }
  return Math.ceil(total);
}

/**
 * Refuses, before anything is sent, a request whose input alone cannot fit the model's window. Models not in
 * the table (`known: false`) are let through: their window is a guess, and the server will say if it is not.
 * Returns the estimate so the caller can show it.
 */
export function assertRequestFits(request: ModelRequest, model: ModelInfo): number {
  const estimate = estimateRequestTokens(request);
  if (model.known && estimate > model.contextWindow) {
    throw new ApiError(
      'context_too_long',
      `The conversation is about ${estimate.toLocaleString('en-US')} tokens, more than ${model.id}'s ${model.contextWindow.toLocaleString('en-US')}-token context window.`,
      { hint: 'Run /compact to summarise older turns, or start a new session.', retryable: false },
    );
  }
  return estimate;
}
