import { type ConversationView, joinedText, type MessageView } from './conversation/view.js';
import { getScenario, SCENARIO_NAMES } from './scenarios/index.js';
import { KNOWN_QUIRKS, type MockStep, type OpenAiQuirk, type ScenarioStep } from './scenarios/step.js';
import { decodeScript, findScriptToken } from './script-token.js';

/** The prompt claw sends to compact a conversation; it wins over any scenario token in the history. */
export const COMPACTION_PROMPT_MARKER = 'Summarize the conversation so far';
export const DEFAULT_REPLY_TEXT = 'Hello from the mock model.';

const SCENARIO_TOKEN = /PARITY_SCENARIO:([A-Za-z0-9_]+)/;
const QUIRK_TOKEN = /OPENAI_QUIRK:([a-z_]+)/g;
const DELAY_TOKEN = /MOCK_DELAY_MS:(\d+)/;

/** What the server will answer: which scenario and step, and the step itself. */
export interface SelectedReply {
  /** Scenario name, `script` for MOCK_SCRIPT, `compaction`, or `default`. */
  scenario: string;
  stepIndex: number;
  step: MockStep;
  /** From `OPENAI_QUIRK:<name>` tokens plus the step's own quirks. */
  openaiQuirks: OpenAiQuirk[];
}

export type ReplySelection = ({ ok: true } & SelectedReply) | { ok: false; problem: string };

/** The latest user message that carries text; tool-result-only messages are the client's, not the user's. */
function latestUserTextIndex(messages: readonly MessageView[]): number {
  return messages.findLastIndex((message) => message.role === 'user' && message.texts.length > 0);
}

function assistantMessagesAfter(messages: readonly MessageView[], index: number): number {
  return messages.slice(index + 1).filter((message) => message.role === 'assistant').length;
}

function allUserText(conversation: ConversationView): string {
  const userTexts = conversation.messages.filter((message) => message.role === 'user').map(joinedText);
  return [conversation.system, ...userTexts].join('\n');
}

function requestedQuirks(conversation: ConversationView): OpenAiQuirk[] {
  const names = [...allUserText(conversation).matchAll(QUIRK_TOKEN)].map((match) => match[1] ?? '');
  return KNOWN_QUIRKS.filter((quirk) => names.includes(quirk));
}

function compactionSelection(conversation: ConversationView): SelectedReply | undefined {
  const index = latestUserTextIndex(conversation.messages);
  const latest = conversation.messages[index];
  const inLatestUserText = latest !== undefined && joinedText(latest).includes(COMPACTION_PROMPT_MARKER);
  if (!inLatestUserText && !conversation.system.includes(COMPACTION_PROMPT_MARKER)) return undefined;
  const summarised = inLatestUserText ? index : conversation.messages.length;
  return {
    scenario: 'compaction',
    stepIndex: 0,
    step: { text: `<summary>Mock summary of ${summarised} earlier messages.</summary>` },
    openaiQuirks: [],
  };
}

type ScriptSource = { kind: 'script'; payload: string } | { kind: 'scenario'; name: string };

/** Finds the latest user text message with a token; the step is the count of assistant replies since. */
function findScriptSource(
  messages: readonly MessageView[],
): { source: ScriptSource; stepIndex: number } | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'user' || message.texts.length === 0) continue;
    const text = joinedText(message);
    const payload = findScriptToken(text);
    const name = SCENARIO_TOKEN.exec(text)?.[1];
    const source: ScriptSource | undefined =
      payload !== undefined
        ? { kind: 'script', payload }
        : name !== undefined
          ? { kind: 'scenario', name }
          : undefined;
    if (source) return { source, stepIndex: assistantMessagesAfter(messages, index) };
  }
  return undefined;
}

function finishedStep(scenario: string): MockStep {
  return { text: `Mock scenario ${scenario} is complete.`, stopReason: 'end_turn' };
}

/** Applies the `MOCK_DELAY_MS:<n>` override, which slows any scenario down without editing it. */
function withDelayOverride(step: MockStep, conversation: ConversationView): MockStep {
  const delay = DELAY_TOKEN.exec(allUserText(conversation))?.[1];
  return delay === undefined ? step : { ...step, delayMs: Number(delay) };
}

/**
 * Decides the reply from the conversation alone (no server memory): compaction prompt first, then the
 * latest MOCK_SCRIPT / PARITY_SCENARIO token, else the default greeting.
 */
export function selectReply(conversation: ConversationView): ReplySelection {
  const quirks = requestedQuirks(conversation);
  const compaction = compactionSelection(conversation);
  if (compaction) return { ok: true, ...compaction };

  const found = findScriptSource(conversation.messages);
  if (!found) {
    return {
      ok: true,
      scenario: 'default',
      stepIndex: 0,
      step: { text: DEFAULT_REPLY_TEXT },
      openaiQuirks: quirks,
    };
  }
  let steps: readonly ScenarioStep[];
  let scenario: string;
  if (found.source.kind === 'script') {
    const decoded = decodeScript(found.source.payload);
    if (!decoded.ok) return { ok: false, problem: decoded.problem };
    steps = decoded.steps;
    scenario = 'script';
  } else {
    const definition = getScenario(found.source.name);
    if (!definition) {
      return {
        ok: false,
        problem: `Unknown mock scenario "${found.source.name}". Known scenarios: ${SCENARIO_NAMES.join(', ')}.`,
      };
    }
    steps = definition.steps;
    scenario = definition.name;
  }
  const stepIndex = found.stepIndex;
  const scripted = steps[stepIndex];
  const step =
    scripted === undefined
      ? finishedStep(scenario)
      : typeof scripted === 'function'
        ? scripted({ conversation, stepIndex })
        : scripted;
  const openaiQuirks = [...new Set([...quirks, ...(step.openaiQuirks ?? [])])];
  return { ok: true, scenario, stepIndex, step: withDelayOverride(step, conversation), openaiQuirks };
}
