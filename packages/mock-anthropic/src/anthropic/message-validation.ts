import { isObject, type JsonObject } from '../conversation/json-shapes.js';

/**
 * The checks the real Messages API makes on `messages`, with its wording. Each returns the first problem's
 * message, or undefined. Indexes are the request's own (`messages.3.content.1`).
 *
 * Deliberately NOT checked, because the current API accepts them: consecutive messages with the same role
 * (the API combines them into one turn; "roles must alternate" is the API's old answer) and a first message
 * from the assistant. Tool pairing therefore looks at turns: a run of same-role messages counts as one.
 */

const THINKING_TYPES = new Set(['thinking', 'redacted_thinking']);
const EXTENDED_THINKING_DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

interface IndexedMessage {
  index: number;
  role: string;
  /** String content becomes one text block, as the API reads it. */
  blocks: JsonObject[];
  raw: JsonObject;
}

/** A run of consecutive same-role messages, which the API combines into one turn. */
interface Turn {
  role: string;
  messages: IndexedMessage[];
}

function blocksOf(message: JsonObject): JsonObject[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return Array.isArray(message.content) ? message.content.filter(isObject) : [];
}

function shapeProblem(messages: unknown[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) return `messages.${index}: Input should be a valid dictionary`;
    if (message.role === 'system') {
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    }
    if (message.content === undefined) return `messages.${index}.content: Field required`;
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      return `messages.${index}.content: Input should be a valid list`;
    }
  }
  return undefined;
}

function indexed(messages: JsonObject[]): IndexedMessage[] {
  return messages.map((raw, index) => ({ index, role: String(raw.role), blocks: blocksOf(raw), raw }));
}

function turnsOf(messages: IndexedMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    const last = turns.at(-1);
    if (last && last.role === message.role) last.messages.push(message);
    else turns.push({ role: message.role, messages: [message] });
  }
  return turns;
}

function emptyContentProblem(messages: IndexedMessage[]): string | undefined {
  const finalIndex = messages.length - 1;
  for (const message of messages) {
    const empty =
      message.raw.content === '' || (Array.isArray(message.raw.content) && message.raw.content.length === 0);
    const optionalFinalAssistant = message.index === finalIndex && message.role === 'assistant';
    if (empty && !optionalFinalAssistant) {
      return `messages.${message.index}: all messages must have non-empty content except for the optional final assistant message`;
    }
  }
  return undefined;
}

/** Text blocks anywhere in the messages, tool_result content included. */
function* textBlocks(blocks: JsonObject[]): Generator<JsonObject> {
  for (const block of blocks) {
    if (block.type === 'text') yield block;
    if (block.type === 'tool_result' && Array.isArray(block.content)) {
      yield* textBlocks(block.content.filter(isObject));
    }
  }
}

function emptyTextProblem(messages: IndexedMessage[]): string | undefined {
  for (const message of messages) {
    // `content: ""` is the empty-content rule's to report.
    if (typeof message.raw.content === 'string') continue;
    for (const block of textBlocks(message.blocks)) {
      if (typeof block.text !== 'string' || block.text === '') {
        return 'messages: text content blocks must be non-empty';
      }
      if (block.text.trim() === '') return 'messages: text content blocks must contain non-whitespace text';
    }
  }
  return undefined;
}

function idsOf(turn: Turn | undefined, type: 'tool_use' | 'tool_result'): Set<string> {
  const key = type === 'tool_use' ? 'id' : 'tool_use_id';
  const ids = new Set<string>();
  for (const message of turn?.messages ?? []) {
    for (const block of message.blocks) {
      if (block.type === type && typeof block[key] === 'string') ids.add(block[key]);
    }
  }
  return ids;
}

function toolPairingProblem(turns: Turn[]): string | undefined {
  for (const [position, turn] of turns.entries()) {
    if (turn.role === 'assistant') {
      const next = turns[position + 1];
      const answered = idsOf(next?.role === 'user' ? next : undefined, 'tool_result');
      for (const message of turn.messages) {
        const missing = message.blocks
          .filter((block) => block.type === 'tool_use' && !answered.has(String(block.id)))
          .map((block) => String(block.id));
        if (missing.length > 0) {
          return `messages.${message.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
        }
      }
      continue;
    }
    const previous = turns[position - 1];
    const asked = idsOf(previous?.role === 'assistant' ? previous : undefined, 'tool_use');
    for (const message of turn.messages) {
      for (const [blockIndex, block] of message.blocks.entries()) {
        if (block.type !== 'tool_result' || asked.has(String(block.tool_use_id))) continue;
        return `messages.${message.index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
  }
  return undefined;
}

/**
 * The assistant message of the tool loop in progress: the last assistant message when everything after it
 * is tool results ("the lastmost set of `tool_use` and `tool_result` blocks"), else none.
 */
function currentAssistantMessage(messages: IndexedMessage[]): IndexedMessage | undefined {
  let lastAssistant = -1;
  for (const message of messages) if (message.role === 'assistant') lastAssistant = message.index;
  if (lastAssistant < 0) return undefined;
  const after = messages.slice(lastAssistant + 1);
  const onlyToolResults = after.every((message) =>
    message.blocks.every((block) => block.type === 'tool_result'),
  );
  return onlyToolResults ? messages[lastAssistant] : undefined;
}

function thinkingTurnProblem(messages: IndexedMessage[], thinkingEnabled: boolean): string | undefined {
  const current = currentAssistantMessage(messages);
  if (!current) return undefined;
  if (!thinkingEnabled) {
    const at = current.blocks.findIndex((block) => THINKING_TYPES.has(String(block.type)));
    if (at < 0) return undefined;
    return `messages.${current.index}.content.${at}: When thinking is disabled, an \`assistant\` message in the final position cannot contain \`thinking\`. To use thinking blocks, enable \`thinking\` in your request.`;
  }
  // A prefill (assistant last, nothing after it) is the model's own continuation, not a tool loop.
  if (current.index === messages.length - 1) return undefined;
  const first = current.blocks[0];
  if (first && THINKING_TYPES.has(String(first.type))) return undefined;
  return `messages.${current.index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at ${EXTENDED_THINKING_DOCS}`;
}

/** `messages` problems, in the order the API reports them; `messages` is known to be a non-empty array. */
export function messagesProblem(messages: unknown[], thinkingEnabled: boolean): string | undefined {
  const shape = shapeProblem(messages);
  if (shape) return shape;
  const list = indexed(messages as JsonObject[]);
  return (
    emptyContentProblem(list) ??
    emptyTextProblem(list) ??
    toolPairingProblem(turnsOf(list)) ??
    thinkingTurnProblem(list, thinkingEnabled)
  );
}

/** Every block that may carry `cache_control`, tool_result content included. */
export function* messageBlocks(messages: unknown[]): Generator<JsonObject> {
  for (const message of messages) {
    if (!isObject(message) || !Array.isArray(message.content)) continue;
    const stack = message.content.filter(isObject);
    for (const block of stack) {
      yield block;
      if (block.type === 'tool_result' && Array.isArray(block.content)) {
        for (const inner of block.content) if (isObject(inner)) yield inner;
      }
    }
  }
}
