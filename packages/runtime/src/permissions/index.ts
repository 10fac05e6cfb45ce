export type { BashAnalyzer } from './bash/analyzer.js';
export { analyzeBashCommand, createBashAnalyzer, levelForAnalysis } from './bash/analyzer.js';
export type { BashAnalysis, BashCommandNode, BashRedirect } from './bash/types.js';
export { matchCommandPattern } from './bash-rules.js';
export { metadataHostReason } from './decide-url.js';
export type { PermissionDecision } from './decision.js';
export type { PermissionLevel, PermissionMode } from './mode.js';
export {
  DEFAULT_PERMISSION_MODE,
  grantedLevel,
  levelAllows,
  PERMISSION_MODES,
  PermissionModeError,
  parsePermissionMode,
} from './mode.js';
export { compilePathPattern, ruleBaseDir } from './path-rules.js';
export {
  isWithin,
  PROTECTED_DIRECTORY_NAMES,
  PROTECTED_FILE_NAMES,
  protectedPathReason,
  resolveRealPath,
} from './paths.js';
export { localSettingsPath, PermissionSettingsError, persistAllowRule } from './persist.js';
export type { PermissionCheck, PermissionPolicy, PermissionPolicyOptions } from './policy.js';
export { createPermissionPolicy } from './policy.js';
export type { CompiledRuleSet } from './rule-set.js';
export { compileRuleSet, PermissionConfigError } from './rule-set.js';
export type { ParsedRule, PermissionRuleEntry, RuleBehavior, RuleMatcher } from './rules.js';
export { PermissionRuleError, parsePermissionRule, READ_FILE_TOOLS, WRITE_FILE_TOOLS } from './rules.js';
