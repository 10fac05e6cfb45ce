import { isObject, type JsonObject } from './conversation/json-shapes.js';
import { KNOWN_QUIRKS, type MockStep } from './scenarios/step.js';

const SCRIPT_PREFIX = 'MOCK_SCRIPT:';
const SCRIPT_TOKEN = /MOCK_SCRIPT:([A-Za-z0-9_-]+)/;

/**
 * Returns the full `MOCK_SCRIPT:<base64url JSON>` token for a script; put it anywhere in a user message.
 * Step `i` is the reply when the conversation has `i` assistant messages after that user message.
 */
export function encodeScript(steps: readonly MockStep[]): string {
  return SCRIPT_PREFIX + Buffer.from(JSON.stringify(steps), 'utf8').toString('base64url');
}

/** The encoded payload of the first `MOCK_SCRIPT:` token in a text, if any. */
export function findScriptToken(text: string): string | undefined {
  return SCRIPT_TOKEN.exec(text)?.[1];
}

export type DecodedScript = { ok: true; steps: MockStep[] } | { ok: false; problem: string };

const STOP_REASONS = new Set([
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'refusal',
  'pause_turn',
]);
const FAULT_KINDS = new Set([
  'http_error',
  'connection_reset',
  'drop_mid_stream',
  'stall_mid_stream',
  'malformed_event',
  'stream_error_event',
]);
const QUIRKS: ReadonlySet<string> = new Set(KNOWN_QUIRKS);
const STRING_FIELDS = ['text', 'thinking', 'thinkingSignature', 'stopSequence'] as const;
const CHUNK_SIZE_FIELDS = ['textChunkSize', 'toolInputChunkSize'] as const;

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Problems with one step, as `field: reason` strings; empty when the step is well-formed. */
function stepProblems(step: JsonObject): string[] {
  const problems: string[] = [];
  for (const key of STRING_FIELDS) {
    if (step[key] !== undefined && typeof step[key] !== 'string') problems.push(`${key} must be a string`);
  }
  for (const key of CHUNK_SIZE_FIELDS) {
    const value = step[key];
    const valid = Array.isArray(value)
      ? value.length > 0 && value.every(isPositiveInteger)
      : isPositiveInteger(value);
    if (value !== undefined && !valid) problems.push(`${key} must be a positive integer or a list of them`);
  }
  if (step.delayMs !== undefined && !(typeof step.delayMs === 'number' && step.delayMs >= 0)) {
    problems.push('delayMs must be a number ≥ 0');
  }
  if (step.stopReason !== undefined && !STOP_REASONS.has(String(step.stopReason))) {
    problems.push(`stopReason must be one of ${[...STOP_REASONS].join(', ')}`);
  }
  if (step.toolUses !== undefined) {
    const valid =
      Array.isArray(step.toolUses) &&
      step.toolUses.every((use) => isObject(use) && typeof use.name === 'string' && 'input' in use);
    if (!valid) problems.push('toolUses must be an array of {name, input}');
  }
  if (step.usage !== undefined) {
    const valid =
      isObject(step.usage) && Object.values(step.usage).every((value) => typeof value === 'number');
    if (!valid) problems.push('usage must be an object of numbers');
  }
  if (step.fault !== undefined && !(isObject(step.fault) && FAULT_KINDS.has(String(step.fault.kind)))) {
    problems.push(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}`);
  }
  if (step.openaiQuirks !== undefined) {
    const valid =
      Array.isArray(step.openaiQuirks) && step.openaiQuirks.every((quirk) => QUIRKS.has(String(quirk)));
    if (!valid) problems.push(`openaiQuirks must list only ${[...QUIRKS].join(', ')}`);
  }
  return problems;
}

/** Decodes and checks a `MOCK_SCRIPT` payload, naming the first bad step and field when it is not usable. */
export function decodeScript(payload: string): DecodedScript {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    return { ok: false, problem: `MOCK_SCRIPT is not base64url-encoded JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(parsed)) return { ok: false, problem: 'MOCK_SCRIPT must encode a JSON array of steps' };
  for (const [index, step] of parsed.entries()) {
    if (!isObject(step)) return { ok: false, problem: `MOCK_SCRIPT step ${index} must be an object` };
    const problems = stepProblems(step);
    if (problems.length > 0)
      return { ok: false, problem: `MOCK_SCRIPT step ${index}: ${problems.join('; ')}` };
  }
  // Checked field by field above; the remaining fields are free-form (tool inputs).
  return { ok: true, steps: parsed as MockStep[] };
}
