// The runtime's public surface. Subsystem folders keep their own index; this door names what other
// packages and the CLI use.

export type { CompactionResult } from './compaction/compact.js';
export { COMPACTION_PROMPT_PREFIX, compactConversation, shouldAutoCompact } from './compaction/compact.js';
export type {
  EffectiveModel,
  LoadedSettings,
  LoadedTrust,
  LoadSettingsOptions,
  ModelSource,
  Settings,
  SettingsIssue,
  SettingsLayer,
  SettingsScope,
  SourcedPermissionRule,
  TrustedWorkspace,
  UntrustedSetting,
  WorkspaceTrust,
} from './config/index.js';
export {
  ConfigError,
  getSetting,
  issueToString,
  listTrustedWorkspaces,
  loadSettings,
  parseSettingValue,
  readMcpJson,
  resolveEffectiveModel,
  resolveWorkspaceTrust,
  revokeWorkspaceTrust,
  setSetting,
  settingsLayerSpecs,
  settingsPathForScope,
  TRUST_ENV_VAR,
  trustFilePath,
  trustWorkspace,
  unsetSetting,
  untrustedSettingWarning,
} from './config/index.js';
export { configuredMcpServers, mcpApprovalsOf } from './engine/mcp-servers.js';
export { suggestedRule } from './engine/suggested-rule.js';
export type {
  ClawEngine,
  EngineDescription,
  EngineErrorKind,
  EngineOptions,
  EngineStatus,
  LoadedExtensions,
  McpPromptCommand,
  PermissionAnswer,
  PermissionPrompter,
  PermissionPromptRequest,
  RunOptions,
  ShellAuthorization,
  Todo,
  UsageReport,
} from './engine/types.js';
export { EngineError } from './engine/types.js';
export type {
  HookEventName,
  HookOutcome,
  HookRunner,
  HooksConfig,
  SessionEndReason,
  SessionStartSource,
} from './hooks/index.js';
export { createHookRunner, HOOK_EVENTS, validateHooksConfig } from './hooks/index.js';
export { executeToolCalls, openClawEngine, runAgentLoop } from './lazy-entry-points.js';
export type { AgentLoopOptions } from './loop/agent-loop.js';
export type { AgentEvent, AgentResult, AgentResultSubtype, PermissionDenial } from './loop/events.js';
export { finalText } from './loop/final-text.js';
export type { AuthorizationDecision, ToolCallRequest, ToolExecutionDeps } from './loop/tool-executor.js';
export { UsageMeter } from './loop/usage-meter.js';
export type {
  BashAnalysis,
  BashAnalyzer,
  PermissionCheck,
  PermissionDecision,
  PermissionMode,
  PermissionPolicy,
  PermissionPolicyOptions,
  PermissionRuleEntry,
} from './permissions/index.js';
export {
  analyzeBashCommand,
  createBashAnalyzer,
  createPermissionPolicy,
  PERMISSION_MODES,
  parsePermissionMode,
  parsePermissionRule,
  persistAllowRule,
} from './permissions/index.js';
export { buildSystemPrompt, collectGitInfo, loadMemoryFiles } from './prompt/index.js';
export type { SandboxDetection } from './sandbox/index.js';
export { clawGitEnvironment, decideSandbox, detectSandbox, withGitConfig } from './sandbox/index.js';
export type { LoadedSession, SessionEvent, SessionSummary } from './session/index.js';
export { exportSession, Session, SessionError, SessionStore } from './session/index.js';
