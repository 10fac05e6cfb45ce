import type { ContentBlock, Message, ToolResultBlock } from '@claw/api-client';

const LOST_RESULT = '(result lost: session file damaged)';

export interface PairingRepair {
  messages: Message[];
  /** tool_result blocks dropped because no tool_use right before them asked for them. */
  droppedResults: number;
  /** tool_use blocks answered with an is_error result because theirs was lost. */
  answeredCalls: number;
}

function toolUseIds(message: Message | undefined): string[] {
  if (message?.role !== 'assistant') return [];
  return message.content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
}

function lostResult(id: string): ToolResultBlock {
  return { type: 'tool_result', tool_use_id: id, content: LOST_RESULT, is_error: true };
}

/**
 * The API answers 400 when a tool_use is not answered by a tool_result in the very next message, or when a
 * tool_result answers no tool_use of the message before it. A damaged line in the middle of a session file
 * leaves such orphans; this drops orphan results and answers orphan calls with an is_error result. The last
 * message's unanswered calls are left alone: the next prompt answers them (`answerInterruptedToolUses`).
 * Pure; returns the input array itself when nothing needed repair.
 */
export function repairToolPairing(messages: Message[]): PairingRepair {
  const out: Message[] = [];
  let droppedResults = 0;
  let answeredCalls = 0;
  for (const message of messages) {
    const pending = toolUseIds(out.at(-1));
    if (message.role === 'assistant') {
      if (pending.length > 0) {
        // The results message between two assistant messages was lost.
        out.push({ role: 'user', content: pending.map(lostResult) });
        answeredCalls += pending.length;
      }
      out.push(message);
      continue;
    }
    const open = new Set(pending);
    const kept: ContentBlock[] = [];
    const rest: ContentBlock[] = [];
    for (const block of message.content) {
      if (block.type !== 'tool_result') rest.push(block);
      else if (open.delete(block.tool_use_id)) kept.push(block);
      else droppedResults++;
    }
    const missing = [...open].map(lostResult);
    answeredCalls += missing.length;
    if (kept.length === 0 && missing.length === 0 && rest.length === 0) continue;
    if (missing.length === 0 && kept.length + rest.length === message.content.length) out.push(message);
    // Results first, as the API requires, in the order of the calls.
    else out.push({ role: 'user', content: orderedResults([...kept, ...missing], pending).concat(rest) });
  }
  if (droppedResults === 0 && answeredCalls === 0) return { messages, droppedResults, answeredCalls };
  return { messages: out, droppedResults, answeredCalls };
}

function orderedResults(results: ContentBlock[], order: string[]): ContentBlock[] {
  const rank = (block: ContentBlock): number =>
    block.type === 'tool_result' ? order.indexOf(block.tool_use_id) : Number.MAX_SAFE_INTEGER;
  return [...results].sort((a, b) => rank(a) - rank(b));
}

/** The warning a repaired load shows. */
export function pairingWarning(repair: PairingRepair): string | undefined {
  if (repair.droppedResults === 0 && repair.answeredCalls === 0) return undefined;
  const parts: string[] = [];
  if (repair.droppedResults > 0)
    parts.push(`dropped ${repair.droppedResults} tool result(s) whose call is missing`);
  if (repair.answeredCalls > 0)
    parts.push(`marked ${repair.answeredCalls} tool call(s) whose result is missing as lost`);
  return `the session file is damaged: ${parts.join(' and ')}, so the conversation stays valid for the API`;
}
