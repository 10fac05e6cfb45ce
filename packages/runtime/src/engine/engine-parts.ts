import type { Message, Usage } from '@claw/api-client';
import type { AnyTool } from '@claw/tools';
import type { AutoCompactConfig, LoadedSettings, Settings } from '../config/index.js';
import type { HookRunner } from '../hooks/index.js';
import type { AuthorizationDecision, ToolCallRequest } from '../loop/tool-executor.js';
import type { PermissionPolicy } from '../permissions/index.js';
import type { Session, SessionStore } from '../session/index.js';
import type { ExtensionsSetup } from './extensions-setup.js';
import type { PromptToolDecider } from './prompt-tool.js';
import type { ProviderSetup } from './provider-setup.js';
import type { EngineOptions, Todo } from './types.js';

/** Everything `openClawEngine` composes, handed to the engine in one piece. */
export interface EngineParts {
  options: EngineOptions;
  settings: Settings;
  loaded: LoadedSettings;
  modelSource: string;
  providerSetup: ProviderSetup;
  /** Built-in tools (without ToolSearch when MCP's own ToolSearch serves a deferred catalog). */
  builtinTools: AnyTool[];
  extensions: ExtensionsSetup;
  childEnv: NodeJS.ProcessEnv;
  policy: PermissionPolicy;
  authorize(call: ToolCallRequest, signal: AbortSignal): Promise<AuthorizationDecision>;
  /** `authorize` with extra allow rules (a custom command's `allowed-tools`) for one command's turn. */
  authorizeWithAllowRules(
    allowRules: readonly string[],
  ): (call: ToolCallRequest, signal: AbortSignal) => Promise<AuthorizationDecision>;
  /** `--permission-prompt-tool` in print mode; tools that ask mid-run consult it too. */
  promptTool: PromptToolDecider | undefined;
  hooks: HookRunner | undefined;
  store: SessionStore;
  session: Session;
  restored: {
    messages: Message[];
    usage: Usage;
    costUsd: number | undefined;
    contextTokens: number;
    requestCount: number;
    todos: Todo[];
  };
  system: string;
  memoryFiles: Array<{ path: string; bytes: number }>;
  /** Reads the memory files again and rebuilds `system` with them (the REPL's `#` shortcut wrote one). */
  reloadSystem(): Promise<{ system: string; memoryFiles: Array<{ path: string; bytes: number }> }>;
  autoCompact: AutoCompactConfig;
  /** Loads lazily what judging these tool calls needs (the Bash parser). */
  beforeToolCalls(tools: AnyTool[]): Promise<void>;
  tempDir: string;
  costOf(model: string, usage: Usage): number | undefined;
}
