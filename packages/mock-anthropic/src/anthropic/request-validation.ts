import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from '../api-error.js';
import { isObject, type JsonObject } from '../conversation/json-shapes.js';
import { messageBlocks, messagesProblem } from './message-validation.js';

/**
 * What the real Messages API rejects with 400 `invalid_request_error`, worded as it words it, so a client
 * that builds a request the API would refuse fails against the mock too. `requestProblem` is the entry point
 * for `POST /v1/messages` and `/v1/messages/count_tokens`.
 */

/** The API's limit on cache breakpoints per request (system, tools and messages together). */
export const MAX_CACHE_CONTROL_BLOCKS = 4;
/** The smallest `thinking.budget_tokens` the API accepts. */
export const MIN_THINKING_BUDGET = 1024;
/**
 * Tool names the API accepts. It was `{1,64}` until 2025; the API now reports `{1,128}`. MCP names
 * (`mcp__server__tool`) fit either way.
 */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,128}$/;

const THINKING_MAX_TOKENS_DOCS =
  'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';

export interface RequestRules {
  /** `count_tokens` takes no `max_tokens`. */
  requireMaxTokens: boolean;
}

function invalidRequest(message: string): ApiError {
  return { status: 400, type: 'invalid_request_error', message };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function maxTokensProblem(body: JsonObject): string | undefined {
  const value = body.max_tokens;
  if (value === undefined) return 'max_tokens: Field required';
  if (typeof value !== 'number' || !Number.isInteger(value))
    return 'max_tokens: Input should be a valid integer';
  if (value < 1) return 'max_tokens: Input should be greater than or equal to 1';
  return undefined;
}

function enabledThinking(body: JsonObject): JsonObject | undefined {
  return isObject(body.thinking) && body.thinking.type === 'enabled' ? body.thinking : undefined;
}

/**
 * With interleaved thinking (a beta) the budget spans the whole assistant turn and may exceed `max_tokens`;
 * otherwise it must leave room below it.
 */
function thinkingProblem(
  body: JsonObject,
  headers: IncomingHttpHeaders,
  rules: RequestRules,
): string | undefined {
  const thinking = enabledThinking(body);
  if (!thinking) return undefined;
  const budget = thinking.budget_tokens;
  if (budget === undefined) return 'thinking.enabled.budget_tokens: Field required';
  if (typeof budget !== 'number' || !Number.isInteger(budget)) {
    return 'thinking.enabled.budget_tokens: Input should be a valid integer';
  }
  if (budget < MIN_THINKING_BUDGET) {
    return `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`;
  }
  const interleaved = (headerValue(headers, 'anthropic-beta') ?? '').includes('interleaved-thinking');
  if (
    rules.requireMaxTokens &&
    !interleaved &&
    typeof body.max_tokens === 'number' &&
    budget >= body.max_tokens
  ) {
    return `\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${THINKING_MAX_TOKENS_DOCS}`;
  }
  return undefined;
}

function toolsProblem(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  const seen = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    if (!isObject(tool)) return `tools.${index}: Input should be a valid dictionary`;
    // Server tools (`web_search_20250305`, …) have a `type` and fixed names; custom tools are checked here.
    const custom = tool.type === undefined || tool.type === 'custom';
    const name = tool.name;
    if (typeof name !== 'string') return `tools.${index}.custom.name: Field required`;
    if (custom && !TOOL_NAME_PATTERN.test(name)) {
      return `tools.${index}.custom.name: String should match pattern '${TOOL_NAME_PATTERN.source}'`;
    }
    if (custom && !isObject(tool.input_schema)) return `tools.${index}.custom.input_schema: Field required`;
    if (seen.has(name)) return 'tools: Tool names must be unique.';
    seen.add(name);
  }
  return undefined;
}

function systemProblem(system: unknown): string | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return 'system: Input should be a valid list';
  for (const block of system) {
    if (!isObject(block) || block.type !== 'text')
      return 'system: Input should be a valid list of text blocks';
    if (typeof block.text !== 'string' || block.text === '')
      return 'system: text content blocks must be non-empty';
  }
  return undefined;
}

function cacheControlCount(body: JsonObject): number {
  const blocks: unknown[] = [
    ...(Array.isArray(body.system) ? body.system : []),
    ...(Array.isArray(body.tools) ? body.tools : []),
    ...messageBlocks(Array.isArray(body.messages) ? body.messages : []),
  ];
  return blocks.filter((block) => isObject(block) && isObject(block.cache_control)).length;
}

/** The first reason the real API would refuse this request, or undefined when it would accept it. */
export function requestProblem(
  body: JsonObject,
  headers: IncomingHttpHeaders,
  rules: RequestRules,
): ApiError | undefined {
  const problem = firstProblem(body, headers, rules);
  return problem === undefined ? undefined : invalidRequest(problem);
}

function firstProblem(
  body: JsonObject,
  headers: IncomingHttpHeaders,
  rules: RequestRules,
): string | undefined {
  if (!headerValue(headers, 'anthropic-version')) return 'anthropic-version: header is required';
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (rules.requireMaxTokens) {
    const maxTokens = maxTokensProblem(body);
    if (maxTokens) return maxTokens;
  }
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  const beforeMessages =
    systemProblem(body.system) ?? toolsProblem(body.tools) ?? thinkingProblem(body, headers, rules);
  if (beforeMessages) return beforeMessages;
  const messages = messagesProblem(body.messages, enabledThinking(body) !== undefined);
  if (messages) return messages;
  const cached = cacheControlCount(body);
  if (cached > MAX_CACHE_CONTROL_BLOCKS) {
    return `A maximum of ${MAX_CACHE_CONTROL_BLOCKS} blocks with cache_control may be provided. Found ${cached}.`;
  }
  return undefined;
}
