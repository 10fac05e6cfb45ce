export { writeFileAtomic } from './atomic-write.js';
export type { JsonObject } from './dotted-key.js';
export { getAtPath, isPlainObject, setAtPath, splitDottedKey } from './dotted-key.js';
export type { AutoCompactConfig, EffectiveModel, ModelSource } from './effective-model.js';
export {
  DEFAULT_AUTO_COMPACT_THRESHOLD,
  resolveAutoCompact,
  resolveEffectiveModel,
} from './effective-model.js';
export type { McpJson } from './mcp-json.js';
export { readMcpJson } from './mcp-json.js';
export type { ConfigErrorKind, SettingsIssue } from './settings-issue.js';
export { ConfigError, issueToString } from './settings-issue.js';
export type { LayerScope, SettingsLayerSpec, SettingsLocations, SettingsScope } from './settings-layers.js';
export { FLAGS_SOURCE, settingsLayerSpecs, settingsPathForScope } from './settings-layers.js';
export type {
  LoadedSettings,
  LoadedTrust,
  LoadSettingsOptions,
  SettingsLayer,
  UntrustedSetting,
} from './settings-loader.js';
export { loadSettings, readSettingsFile, untrustedSettingWarning } from './settings-loader.js';
export { mergeSettingsLayer, provenanceOf } from './settings-merge.js';
export type {
  KnownSettingsKey,
  McpServerSetting,
  PermissionModeSetting,
  Settings,
} from './settings-schema.js';
export {
  IGNORED_COMPAT_KEYS,
  McpServerSchema,
  PERMISSION_RULE_PATTERN,
  PermissionModeSchema,
  PermissionRuleSchema,
  PermissionsSchema,
  settingsKeySchemas,
} from './settings-schema.js';
export type { IgnoredUntrustedKey } from './settings-trust-gate.js';
export { gateUntrustedSettings, isModeLooser } from './settings-trust-gate.js';
export type { PermissionBehavior, SourcedPermissionRule, ValidatedSettings } from './settings-validate.js';
export { permissionRulesOf, validateSettingsObject } from './settings-validate.js';
export type { SetSettingResult, SettingValue } from './settings-writer.js';
export { getSetting, parseSettingValue, setSetting, unsetSetting } from './settings-writer.js';
export type { TrustedWorkspace, WorkspaceTrust } from './workspace-trust.js';
export {
  listTrustedWorkspaces,
  resolveWorkspaceTrust,
  revokeWorkspaceTrust,
  TRUST_ENV_VAR,
  trustFilePath,
  trustWorkspace,
} from './workspace-trust.js';
