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
  /** The rule "always allow" would write, e.g. `Bash(npm run test:*)`. */
  suggestedRule: string;
}

/** Injected by a front end that can ask a person (the REPL); print mode has none. */
export type PermissionPrompter = (request: PermissionPromptRequest, signal: AbortSignal) => Promise<PermissionAnswer>;

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
  resume?: string;
  continueLatest?: boolean;
  fork?: boolean;
  sessionId?: string;
  apiKeyHelper?: string;
  /** True in the REPL: permission prompts go to `prompter`; false: anything that would ask is denied. */
  interactive: boolean;
  prompter?: PermissionPrompter;
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
}

export interface ClawEngine {
  readonly sessionId: string;
  readonly model: string;
  describe(): EngineDescription;
  run(prompt: string, options: RunOptions): Promise<AgentResult>;
  close(): Promise<void>;
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
