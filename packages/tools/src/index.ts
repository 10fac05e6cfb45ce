export {
  BACKGROUND_SHELLS_KEY,
  killAllBackgroundShells,
  listBackgroundShells,
} from './bash/background-shells.js';
export { createBashTool, DEFAULT_BASH_TIMEOUT_MS, MAX_BASH_TIMEOUT_MS } from './bash/bash.js';
export { createBashOutputTool } from './bash/bash-output.js';
export { classifyCommandConservatively } from './bash/classify-command.js';
export { createKillShellTool } from './bash/kill-shell.js';
export type { BuiltinToolDeps, DeferredToolInfo, WebSearchProvider, WrappedCommand } from './deps.js';
export { createEditTool } from './edit.js';
export { createGlobTool, globFiles } from './glob.js';
export { runBuiltinGrep } from './grep/builtin-engine.js';
export { formatGrepResult } from './grep/format.js';
export { createGrepTool, runGrepEngine } from './grep/grep.js';
export { runRipgrep } from './grep/rg-engine.js';
export type { GrepLine, GrepMode, GrepResult, GrepSpec } from './grep/search-spec.js';
export { createMultiEditTool } from './multi-edit.js';
export { createNotebookEditTool } from './notebook-edit.js';
export { type CapOptions, type CappedOutput, capToolOutput, DEFAULT_MAX_OUTPUT_CHARS } from './output-cap.js';
export {
  type GuardedPath,
  type GuardOutcome,
  guardPath,
  isWithinRoot,
  type PathAccess,
  protectedPathReason,
  resolveRealPath,
} from './path-guard.js';
export { createReadTool } from './read.js';
export {
  createBuiltinTools,
  findTool,
  isConcurrencySafe,
  type ParsedToolInput,
  parseToolInput,
  resolvePermissionLevel,
  type ToolSpec,
  toolSpec,
} from './registry.js';
export { createTodoWriteTool } from './todo-write.js';
export type {
  AnyTool,
  PermissionLevel,
  PermissionRequest,
  ReadRuleFilter,
  Tool,
  ToolContext,
  ToolDisplay,
  ToolImageContent,
  ToolResult,
  ToolResultContent,
  ToolSessionState,
  ToolTextContent,
} from './tool.js';
export { createToolSessionState } from './tool.js';
export { createToolSearchTool, searchDeferredTools } from './tool-search.js';
export { unifiedDiff } from './unified-diff.js';
export { isPrivateAddress } from './web/address-guard.js';
export { parsePrivateHostEntry } from './web/private-host-allowance.js';
export { proxyForUrl } from './web/proxy-env.js';
export { BRAVE_SEARCH_ENDPOINT } from './web/search-adapters.js';
export { checkFetchUrl, createWebFetchTool } from './web/web-fetch.js';
export { createWebSearchTool } from './web/web-search.js';
export { createWriteTool } from './write.js';
