export type { HookCommand, HookEventName, HookMatcher, HooksConfig } from './hook-config.js';
export {
  DEFAULT_HOOK_TIMEOUT_SECONDS,
  HOOK_EVENTS,
  HookCommandSchema,
  HookMatcherSchema,
  HooksConfigSchema,
  isHookEventName,
  matcherError,
  validateHooksConfig,
} from './hook-config.js';
export type {
  HookExecution,
  HookJsonOutput,
  HookMessage,
  HookOutcome,
  HookVerdict,
  PermissionDecision,
} from './hook-outcome.js';
export { HookJsonOutputSchema, interpretHookExecution, mergeHookVerdicts } from './hook-outcome.js';
export type {
  HookPayload,
  HookPayloadByEvent,
  SessionEndReason,
  SessionStartSource,
} from './hook-payload.js';
export { claudeCodePermissionMode, matchSubject } from './hook-payload.js';
export type { HookRunner, HookRunnerOptions } from './hook-runner.js';
export { createHookRunner } from './hook-runner.js';
export type { ToolAliasMap } from './matcher.js';
export { matcherMatches, toolNameVariants } from './matcher.js';
export type { RunHookCommandOptions } from './run-command.js';
export { runHookCommand } from './run-command.js';
export { toolResponseForHooks } from './tool-response.js';
