import type { ContentBlock, Message, Provider, TextBlock, Usage } from '@claw/api-client';

/** The mock server and tests key on this opening; keep it stable. */
export const COMPACTION_PROMPT_PREFIX = 'Summarize the conversation so far';

const COMPACTION_SYSTEM =
  'You are summarizing a coding-agent session so it can continue in a fresh context. Be faithful and specific.';

function compactionPrompt(instructions: string | undefined): string {
  return [
    `${COMPACTION_PROMPT_PREFIX} so that the work can continue without it.`,
    'Include: the user requests and intent; key decisions; files read, created or changed (with paths);',
    'commands run and their outcomes; errors and how they were fixed; the current state; and the next steps.',
    'Wrap the summary in <summary></summary>.',
    instructions ? `\nAdditional instructions from the user: ${instructions}` : '',
  ].join('\n');
}

export interface CompactionResult {
  summary: string;
  /** How many messages the summary replaced. */
  replacedCount: number;
  /** The archived messages, for the session to keep on disk. */
  replaced: Message[];
  messages: Message[];
  usage: Usage;
  model: string;
}

function hasToolResults(message: Message | undefined): boolean {
  return message?.role === 'user' && message.content.some((b) => b.type === 'tool_result');
}

/** A message the user typed (or a note standing in for one), as opposed to tool results sent back. */
function isPrompt(message: Message | undefined): boolean {
  return message?.role === 'user' && message.content.some((b) => b.type !== 'tool_result');
}

/**
 * Where to cut; everything before is summarized, the rest stays verbatim.
 * - The history ends with the prompt the model has not answered yet (auto-compaction at the start of a
 *   prompt): the prompt stays, or the model would be asked to answer a summary. When the prompt also answers
 *   interrupted tool calls, the assistant message holding those calls stays with it.
 * - It ends with tool results (mid-task): the last assistant message and those results stay, the rest of the
 *   task (its prompt included) is summarized, as Claude Code does: keeping the whole task would not shrink it.
 * - It ends with an assistant reply (a manual /compact between prompts): everything is summarized.
 */
export function compactionSplitIndex(messages: readonly Message[]): number {
  const lastIndex = messages.length - 1;
  const last = messages[lastIndex];
  if (isPrompt(last)) {
    if (!hasToolResults(last)) return lastIndex;
    return messages[lastIndex - 1]?.role === 'assistant' ? lastIndex - 1 : lastIndex;
  }
  if (hasToolResults(last)) {
    const assistantIndex = lastIndex - 1;
    if (assistantIndex > 0 && messages[assistantIndex]?.role === 'assistant') return assistantIndex;
  }
  return messages.length;
}

function summaryText(content: ContentBlock[]): string {
  const text = content
    .filter((b): b is TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('')
    .trim();
  const match = /<summary>([\s\S]*?)<\/summary>/.exec(text);
  return (match?.[1] ?? text).trim();
}

export function summaryMessage(summary: string): Message {
  return {
    role: 'user',
    content: [
      {
        type: 'text',
        text: `This session continues from an earlier conversation that was compacted. Summary of it:\n\n${summary}`,
      },
    ],
  };
}

/**
 * The history after a compaction: the summary, then the kept messages. A kept tail that opens with a user
 * message (the unanswered prompt) shares the summary's user turn, so roles still alternate. Used live and
 * by the session replay, so a resume rebuilds exactly what the model continues with.
 */
export function historyAfterCompaction(summary: string, kept: readonly Message[]): Message[] {
  const head = summaryMessage(summary);
  const [first, ...rest] = kept;
  if (first?.role === 'user')
    return [{ role: 'user', content: [...head.content, ...first.content] }, ...rest];
  return [head, ...kept];
}

/** Asks the model for a summary of the older part of the conversation and returns the shortened history. */
export async function compactConversation(input: {
  provider: Provider;
  model: string;
  maxOutputTokens: number;
  messages: Message[];
  instructions?: string;
  signal: AbortSignal;
}): Promise<CompactionResult | undefined> {
  const split = compactionSplitIndex(input.messages);
  const older = input.messages.slice(0, split);
  if (older.length < 2) return undefined;
  const tail = input.messages.slice(split);
  const request: Message[] = [...older];
  const lastOlder = request.at(-1);
  const ask: TextBlock = { type: 'text', text: compactionPrompt(input.instructions) };
  if (lastOlder?.role === 'user')
    request[request.length - 1] = { role: 'user', content: [...lastOlder.content, ask] };
  else request.push({ role: 'user', content: [ask] });

  let final: { content: ContentBlock[]; usage: Usage; model: string } | undefined;
  for await (const event of input.provider.stream(
    {
      model: input.model,
      system: COMPACTION_SYSTEM,
      messages: request,
      maxTokens: Math.min(input.maxOutputTokens, 8192),
    },
    { signal: input.signal },
  )) {
    if (event.type === 'message_stop') final = event.message;
  }
  if (!final) return undefined;
  const summary = summaryText(final.content);
  if (!summary) return undefined;
  const kept = historyAfterCompaction(summary, tail);
  const messages: Message[] =
    tail.length > 0
      ? kept
      : [
          ...kept,
          {
            role: 'assistant',
            content: [{ type: 'text', text: 'Understood. I will continue from the summary.' }],
          },
        ];
  return {
    summary,
    replacedCount: older.length,
    replaced: older,
    messages,
    usage: final.usage,
    model: final.model,
  };
}

/** Auto-compaction fires when the last request's input passed the threshold share of the context window. */
export function shouldAutoCompact(input: {
  lastInputTokens: number;
  contextWindow: number;
  threshold: number;
  tokenLimit?: number;
}): boolean {
  const limit = input.tokenLimit ?? Math.floor(input.contextWindow * input.threshold);
  return input.lastInputTokens >= limit;
}
