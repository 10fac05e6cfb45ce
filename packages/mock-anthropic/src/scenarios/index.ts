import { autoCompactTriggeredScenario } from './auto-compact-triggered.js';
import { bashPermissionPromptApprovedScenario } from './bash-permission-prompt-approved.js';
import { bashPermissionPromptDeniedScenario } from './bash-permission-prompt-denied.js';
import { bashStdoutRoundtripScenario } from './bash-stdout-roundtrip.js';
import { fault429Scenario } from './fault-429.js';
import { fault500Scenario } from './fault-500.js';
import { fault529Scenario } from './fault-529.js';
import { fault529AlwaysScenario } from './fault-529-always.js';
import { faultDropMidStreamScenario } from './fault-drop-mid-stream.js';
import { faultMalformedEventScenario } from './fault-malformed-event.js';
import { faultOverloadedMidStreamScenario } from './fault-overloaded-mid-stream.js';
import { grepChunkAssemblyScenario } from './grep-chunk-assembly.js';
import { invalidToolInputScenario } from './invalid-tool-input.js';
import { maxTokensTextScenario } from './max-tokens-text.js';
import { maxTokensToolCutScenario } from './max-tokens-tool-cut.js';
import { multiToolTurnRoundtripScenario } from './multi-tool-turn-roundtrip.js';
import { parallelReadsScenario } from './parallel-reads.js';
import { pauseTurnScenario } from './pause-turn.js';
import { pluginToolRoundtripScenario } from './plugin-tool-roundtrip.js';
import { readFileRoundtripScenario } from './read-file-roundtrip.js';
import { readSpilledOutputScenario } from './read-spilled-output.js';
import { refusalScenario } from './refusal.js';
import { slowStreamScenario } from './slow-stream.js';
import type { ScenarioDefinition } from './step.js';
import { stopSequenceScenario } from './stop-sequence.js';
import { streamingTextScenario } from './streaming-text.js';
import { thinkingTextScenario } from './thinking-text.js';
import { tokenCostReportingScenario } from './token-cost-reporting.js';
import { unknownToolScenario } from './unknown-tool.js';
import { writeFileAllowedScenario } from './write-file-allowed.js';
import { writeFileDeniedScenario } from './write-file-denied.js';

/** claw-code's twelve parity scenarios, by the names its mock service uses. */
export const PARITY_SCENARIO_NAMES = [
  'streaming_text',
  'read_file_roundtrip',
  'grep_chunk_assembly',
  'write_file_allowed',
  'write_file_denied',
  'multi_tool_turn_roundtrip',
  'bash_stdout_roundtrip',
  'bash_permission_prompt_approved',
  'bash_permission_prompt_denied',
  'plugin_tool_roundtrip',
  'auto_compact_triggered',
  'token_cost_reporting',
] as const;

/** claw's own scenarios: stop reasons, thinking, faults and malformed model output. */
export const EXTRA_SCENARIO_NAMES = [
  'thinking_text',
  'parallel_reads',
  'max_tokens_tool_cut',
  'max_tokens_text',
  'stop_sequence',
  'refusal',
  'pause_turn',
  'slow_stream',
  'fault_429',
  'fault_500',
  'fault_529',
  'fault_529_always',
  'fault_drop_mid_stream',
  'fault_malformed_event',
  'fault_overloaded_mid_stream',
  'unknown_tool',
  'invalid_tool_input',
  'read_spilled_output',
] as const;

export type ParityScenarioName = (typeof PARITY_SCENARIO_NAMES)[number];
export type ScenarioName = ParityScenarioName | (typeof EXTRA_SCENARIO_NAMES)[number];

/** Every scenario selectable with `PARITY_SCENARIO:<name>`. */
export const SCENARIO_NAMES: readonly ScenarioName[] = [...PARITY_SCENARIO_NAMES, ...EXTRA_SCENARIO_NAMES];

// A Record keyed by the name union makes the compiler reject a name without a scenario, and vice versa.
const SCENARIOS: Record<ScenarioName, ScenarioDefinition> = {
  streaming_text: streamingTextScenario,
  read_file_roundtrip: readFileRoundtripScenario,
  grep_chunk_assembly: grepChunkAssemblyScenario,
  write_file_allowed: writeFileAllowedScenario,
  write_file_denied: writeFileDeniedScenario,
  multi_tool_turn_roundtrip: multiToolTurnRoundtripScenario,
  bash_stdout_roundtrip: bashStdoutRoundtripScenario,
  bash_permission_prompt_approved: bashPermissionPromptApprovedScenario,
  bash_permission_prompt_denied: bashPermissionPromptDeniedScenario,
  plugin_tool_roundtrip: pluginToolRoundtripScenario,
  auto_compact_triggered: autoCompactTriggeredScenario,
  token_cost_reporting: tokenCostReportingScenario,
  thinking_text: thinkingTextScenario,
  parallel_reads: parallelReadsScenario,
  max_tokens_tool_cut: maxTokensToolCutScenario,
  max_tokens_text: maxTokensTextScenario,
  stop_sequence: stopSequenceScenario,
  refusal: refusalScenario,
  pause_turn: pauseTurnScenario,
  slow_stream: slowStreamScenario,
  fault_429: fault429Scenario,
  fault_500: fault500Scenario,
  fault_529: fault529Scenario,
  fault_529_always: fault529AlwaysScenario,
  fault_drop_mid_stream: faultDropMidStreamScenario,
  fault_malformed_event: faultMalformedEventScenario,
  fault_overloaded_mid_stream: faultOverloadedMidStreamScenario,
  unknown_tool: unknownToolScenario,
  invalid_tool_input: invalidToolInputScenario,
  read_spilled_output: readSpilledOutputScenario,
};

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

/** The scenario selected by `PARITY_SCENARIO:<name>`, or undefined for an unknown name. */
export function getScenario(name: string): ScenarioDefinition | undefined {
  return isScenarioName(name) ? SCENARIOS[name] : undefined;
}
