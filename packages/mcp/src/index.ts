export type {
  AddMcpServerOptions,
  ListMcpServersOptions,
  McpAddFlags,
  McpScope,
  McpScopeLocation,
  McpServerListing,
  RemoveMcpServerOptions,
} from './config-files.js';
export {
  addMcpServer,
  buildMcpServerEntry,
  getMcpServer,
  listMcpServers,
  McpConfigError,
  mcpConfigPath,
  removeMcpServer,
} from './config-files.js';
export { readMcpConfigInput } from './config-read.js';
export type {
  McpConfigSource,
  McpRemoteServerConfig,
  McpServerConfig,
  McpServerEntry,
  McpStdioServerConfig,
  RemoteServerEntry,
  StdioServerEntry,
} from './config-schema.js';
export { parseServerEntry, RemoteServerEntrySchema, StdioServerEntrySchema } from './config-schema.js';
export type {
  McpApprovals,
  McpConfigInput,
  McpConfigIssue,
  McpConfigIssueKind,
  McpConfigValidation,
  ValidateMcpConfigOptions,
} from './config-validate.js';
export { validateMcpConfig } from './config-validate.js';
export type { McpAuthProviderFactory } from './connection.js';
export { isAuthRequired, McpConnectError } from './connection.js';
export type { ExpandResult } from './env-expand.js';
export { expandVariables } from './env-expand.js';
export { createMcpManager } from './manager.js';
export type {
  McpManager,
  McpManagerEvent,
  McpManagerOptions,
  McpPromptInfo,
  McpPromptResult,
  McpServerState,
  McpServerStatus,
} from './manager-types.js';
export { mcpPromptCommandName, mcpToolName, sanitizeToolNamePart, uniqueMcpToolNames } from './names.js';
export type { AuthorizeMcpServerOptions } from './oauth-login.js';
export { authorizeMcpServer } from './oauth-login.js';
export type { McpResourceInfo } from './resource-tools.js';
export type { StdioServerProcessOptions } from './stdio-transport.js';
export { ProcessGroupStdioTransport } from './stdio-transport.js';
export type { McpTool, McpToolInput } from './tool-adapter.js';
export { adaptMcpTool } from './tool-adapter.js';
export type { ToolCatalogEntry } from './tool-search.js';
export { createToolSearchTool, rankTools } from './tool-search.js';
