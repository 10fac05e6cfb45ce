import type { Message, Usage } from '@claw/api-client';
import type { AgentDefinition, CustomCommand } from '@claw/plugins';
import type { HooksConfig, SessionEndReason } from '../hooks/index.js';
import type { AgentEvent, AgentResult } from '../loop/events.js';

/** The answer a person gives to a permission prompt. */
export type PermissionAnswer =
  | { decision: 'allow-once' }
  | { decision: 'allow-session' }
  | { decision: 'allow-always' }
  | { decision: 'deny'; feedback?: string };

export interface PermissionPromptRequest {
  toolName: string;
  input: unknown;
  summary: string;
  reason: string;
  /**
   * The rule "always allow" would write, e.g. `Bash(npm run test:*)`. Absent when no rule is safe to offer
   * (a Bash line of several commands, one that cannot be analysed): the prompt then offers no "always".
   */
  suggestedRule?: string;
}

/** Injected by a front end that can ask a person (the REPL); print mode has none. */
export type PermissionPrompter = (
  request: PermissionPromptRequest,
  signal: AbortSignal,
) => Promise<PermissionAnswer>;

export interface EngineOptions {
  /** Directory claw works in (the `-C` flag or the process cwd). */
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
  env: NodeJS.ProcessEnv;
  model?: string;
  permissionMode?: string;
  allowedTools?: string[];
  disallowedTools?: string[];
  addDirs?: string[];
  maxTurns?: number;
  appendSystemPrompt?: string;
  mcpConfigFiles?: string[];
  /** `--strict-mcp-config`: only the `mcpConfigFiles` servers start (none from settings, `.mcp.json`, plugins). */
  strictMcpConfig?: boolean;
  resume?: string;
  continueLatest?: boolean;
  fork?: boolean;
  sessionId?: string;
  apiKeyHelper?: string;
  /** True in the REPL: permission prompts go to `prompter`; false: anything that would ask is denied. */
  interactive: boolean;
  prompter?: PermissionPrompter;
  /**
   * `--permission-prompt-tool`: in print mode (not interactive), the MCP tool (`mcp__server__tool`) that
   * decides what would otherwise be denied for want of a person to ask.
   */
  permissionPromptTool?: string;
  /** Printed warnings while opening (bad settings entries etc.). */
  onWarning?(message: string): void;
}

export interface EngineDescription {
  session_id: string;
  cwd: string;
  model: string;
  tools: string[];
  mcp_servers: Array<{ name: string; status: string }>;
  permissionMode: string;
  apiKeySource: string;
}

export interface RunOptions {
  signal: AbortSignal;
  onEvent(event: AgentEvent): void;
  /** This prompt only (a custom command's `model:` front matter): alias or id; later prompts go back. */
  model?: string;
  /** This prompt only (a custom command's `allowed-tools:`): extra allow rules, e.g. `Bash(git status:*)`. */
  allowRules?: string[];
}

/** The verdict on a shell command the user's own text asks for (a custom command's `` !`cmd` ``). */
export type ShellAuthorization = { allowed: true } | { allowed: false; reason: string };

/** Custom commands, skills, agents and hooks the session loaded: project, user and enabled plugins. */
export interface LoadedExtensions {
  commands: CustomCommand[];
  skills: Array<{ name: string; description: string; path: string }>;
  agents: AgentDefinition[];
  /** Settings hooks plus every enabled plugin's hooks. */
  hooks: HooksConfig | undefined;
}

export interface UsageReport {
  usage: Usage;
  /** Undefined when a model without a known price was used: claw never invents a cost. */
  costUsd: number | undefined;
  /** Model calls in this session. */
  requests: number;
  /** Tokens of the last request's input: how full the context window is. */
  contextTokens: number;
  contextWindow: number;
}

export interface EngineStatus {
  sessionId: string;
  workspaceRoot: string;
  model: string;
  /** Why this model and provider were chosen (flag, env, settings, alias, routing rule). */
  modelSource: string;
  provider: string;
  providerReason: string;
  permissionMode: string;
  /** The permission rules in force, deny first, each with where it came from. */
  permissionRules: Array<{ behavior: 'allow' | 'ask' | 'deny'; rule: string; source: string }>;
  credentialSource: string;
  memoryFiles: Array<{ path: string; bytes: number }>;
  configFiles: Array<{ path: string; loaded: boolean; errors: string[] }>;
  mcpServers: Array<{ name: string; status: string; tools: number; error?: string }>;
  tools: string[];
}

export interface Todo {
  content: string;
  status: 'pending' | 'in_progress' | 'completed';
  activeForm?: string;
}

/** An MCP prompt offered as the slash command `/mcp__<server>__<prompt>`. */
export interface McpPromptCommand {
  /** `mcp__<server>__<prompt>`, without the slash. */
  name: string;
  server: string;
  prompt: string;
  description?: string;
  /** Declared arguments, in the order positional words fill them. */
  arguments: Array<{ name: string; description?: string; required: boolean }>;
  /** `/mcp__srv__ask <question> [context]`. */
  usage: string;
}

export interface ClawEngine {
  readonly sessionId: string;
  readonly model: string;
  describe(): EngineDescription;
  status(): EngineStatus;
  /** Runs one user prompt through the agent loop; the session is persisted as it goes. */
  run(prompt: string, options: RunOptions): Promise<AgentResult>;
  /** `/compact [instructions]`. Undefined when there was too little to compact. */
  compact(
    instructions: string | undefined,
    options: RunOptions,
  ): Promise<{ summary: string; replacedCount: number } | undefined>;
  usage(): UsageReport;
  messages(): readonly Message[];
  todos(): Todo[];
  /** `/model`: later prompts use this model (alias or id). Throws EngineError('usage') for an unknown model. */
  setModel(model: string): void;
  /** `/permissions`: changes the mode for the rest of the session. */
  setPermissionMode(mode: string): void;
  /**
   * Reads the memory files again and rebuilds the system prompt, so a note the REPL's `#` shortcut just added
   * reaches the next request (memory is otherwise read once, when the session opens).
   */
  reloadMemory(): Promise<void>;
  /** `/clear`: starts a fresh session (the old one stays on disk). */
  clear(): Promise<void>;
  /** `/resume`: switches to another session of this workspace (id, prefix or `latest`). */
  resume(ref: string): Promise<void>;
  /** What the session loaded from `.claw/`, `.claude/`, the config home and enabled plugins. */
  extensions(): LoadedExtensions;
  /**
   * Judges a shell command as the model's Bash calls are judged (hooks, rules, mode; the REPL asks, print mode
   * denies), with `allowRules` counting as extra allow rules. Used for custom commands' `` !`cmd` ``.
   */
  authorizeShell(
    command: string,
    options: { allowRules?: string[]; signal: AbortSignal },
  ): Promise<ShellAuthorization>;
  /** Prompts of the connected MCP servers, as slash commands (for `/help` and completion). */
  mcpPromptCommands(signal?: AbortSignal): Promise<McpPromptCommand[]>;
  /**
   * `/mcp__<server>__<prompt> [args…]`: gets the prompt with the words bound to its declared arguments in
   * order, and returns its messages as the text to submit with `run()`. Undefined when no connected server
   * offers that prompt; EngineError('usage') names a missing required argument.
   */
  expandMcpPrompt(name: string, args: string[], signal?: AbortSignal): Promise<string | undefined>;
  /**
   * Ends the session: SessionEnd hooks get `reason` (Claude Code's: `prompt_input_exit` when the person leaves
   * the REPL, `other` otherwise), then the session file, MCP servers and scratch files are closed.
   */
  close(reason?: SessionEndReason): Promise<void>;
}

export type EngineErrorKind = 'config' | 'auth' | 'session' | 'usage' | 'sandbox';

/** A failure opening the engine, before any model call. */
export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  readonly hint: string | undefined;
  constructor(kind: EngineErrorKind, message: string, hint?: string) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
    this.hint = hint;
  }
}
