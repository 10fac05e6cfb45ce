export { type MockProcess, startMockProcess } from './child-process.js';
export type { ConversationView, MessageView, ToolCallView, ToolResultView } from './conversation/view.js';
export { MOCK_MODEL_IDS } from './models-route.js';
export { COMPACTION_PROMPT_MARKER, DEFAULT_REPLY_TEXT } from './reply-selection.js';
export {
  EXTRA_SCENARIO_NAMES,
  getScenario,
  isScenarioName,
  PARITY_SCENARIO_NAMES,
  type ParityScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
} from './scenarios/index.js';
export type {
  ApiErrorType,
  ChunkSize,
  FailAttempts,
  Fault,
  MockStep,
  OpenAiQuirk,
  ScenarioDefinition,
  ScenarioStep,
  StepContext,
  StopReason,
  ToolUseSpec,
  Usage,
} from './scenarios/step.js';
export { TOKEN_COST_REPORTING_USAGE } from './scenarios/token-cost-reporting.js';
export { encodeScript } from './script-token.js';
export {
  type HandledRequest,
  type MockServer,
  type MockServerOptions,
  type RecordedRequest,
  startMockServer,
} from './server.js';
