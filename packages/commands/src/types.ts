/**
 * The slash-command contract. Commands see the engine through `CommandEngine`, the slice of the runtime's
 * `ClawEngine` they use (a `ClawEngine` satisfies it structurally), and reach everything the runtime does not
 * own (doctor, login, git, session listing, inventories) through injected `CommandServices`, so the REPL,
 * `claw --resume ID /cmd` and tests can each supply their own.
 */

export interface UsageView {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface UsageReportView {
  usage: UsageView;
  /** Undefined when the model has no known price: never invent a cost. */
  costUsd: number | undefined;
  requests: number;
  contextTokens: number;
  contextWindow: number;
}

export interface EngineStatusView {
  sessionId: string;
  workspaceRoot: string;
  model: string;
  modelSource: string;
  provider: string;
  permissionMode: string;
  /** Permission rules in force, deny first, with the file or flag that set each. */
  permissionRules: Array<{ behavior: 'allow' | 'ask' | 'deny'; rule: string; source: string }>;
  credentialSource: string;
  memoryFiles: Array<{ path: string; bytes: number }>;
  configFiles: Array<{ path: string; loaded: boolean; errors: string[] }>;
  mcpServers: Array<{ name: string; status: string; tools: number; error?: string }>;
  tools: string[];
}

export interface MessageView {
  role: string;
  content: ReadonlyArray<{ type: string; text?: string; name?: string; input?: unknown; content?: unknown }>;
}

export interface TodoView {
  content: string;
  status: string;
  activeForm?: string;
}

export interface CompactOptions {
  signal: AbortSignal;
  /** Progress events (the runtime's AgentEvent); method syntax keeps it assignable from a typed handler. */
  onEvent(event: unknown): void;
}

/** What slash commands need from the runtime engine. */
export interface CommandEngine {
  readonly sessionId: string;
  readonly model: string;
  status(): EngineStatusView;
  usage(): UsageReportView;
  messages(): readonly MessageView[];
  todos(): TodoView[];
  compact(
    instructions: string | undefined,
    options: CompactOptions,
  ): Promise<{ summary: string; replacedCount: number } | undefined>;
  setModel(model: string): void;
  setPermissionMode(mode: string): void;
  clear(): Promise<void>;
  resume(ref: string): Promise<void>;
  /** Prompts of connected MCP servers, as `/mcp__<server>__<prompt>` commands. */
  mcpPromptCommands?(signal?: AbortSignal): Promise<McpPromptCommandView[]>;
  /** The text of an MCP prompt with its arguments bound; undefined when no server offers it. */
  expandMcpPrompt?(name: string, args: string[], signal?: AbortSignal): Promise<string | undefined>;
}

export interface McpPromptCommandView {
  /** `mcp__<server>__<prompt>` */
  name: string;
  description?: string;
  usage: string;
}

export interface SessionSummary {
  id: string;
  /** ISO time of the last write. */
  updatedAt: string;
  messageCount?: number;
  /** The first user prompt, for recognising a session. */
  title?: string;
}

export interface DoctorCheck {
  name: string;
  /** `info` reports a fact (a tool that is absent but optional), never a problem. */
  status: 'ok' | 'warn' | 'fail' | 'info';
  detail: string;
  /** Extra lines (one per file or entry), shown under a warning or a failure. */
  details?: string[];
}

export type InventoryKind = 'hooks' | 'skills' | 'agents' | 'plugins';

export interface InventoryItem {
  name: string;
  description?: string;
  source?: string;
  enabled?: boolean;
}

/** One file `/init` looked after, as `claw init` reports it. */
export interface InitReportItem {
  path: string;
  action: 'created' | 'updated' | 'skipped';
  reason: string;
}

export interface InitReport {
  workspace: string;
  items: InitReportItem[];
}

/** `/login oauth` (browser, PKCE) or `/login api-key` (asked for without echo). */
export type LoginMethod = 'oauth' | 'api-key';

/**
 * Side effects the runtime does not own. Every service is optional: a command whose service is missing says
 * so instead of failing, so a front end supplies only what it can.
 */
export interface CommandServices {
  version?(): string;
  doctor?(signal: AbortSignal): Promise<DoctorCheck[]>;
  /** Signs in; without a method the front end picks one (OAuth when configured). Resolves to a message. */
  login?(method: LoginMethod | undefined, signal: AbortSignal): Promise<string>;
  logout?(): Promise<string>;
  gitDiff?(args: string[], signal: AbortSignal): Promise<string>;
  listSessions?(): Promise<SessionSummary[]>;
  /** `latest`, an id or a unique prefix → the session id it names (the runtime's own resolution). */
  resolveSession?(ref: string): Promise<string>;
  inventory?(kind: InventoryKind): Promise<InventoryItem[]>;
  initWorkspace?(): Promise<InitReport>;
  configGet?(key: string | undefined): Promise<unknown>;
  configSet?(key: string, value: string, scope: 'user' | 'project' | 'local'): Promise<string>;
  /** Writes an exported transcript; resolves to the absolute path written. */
  writeFile?(path: string, content: string): Promise<string>;
  /** Model names and aliases offered by `/model` completion. */
  modelNames?(): string[];
}

/** Front-end directives a command returns alongside its text. */
export type CommandAction = 'exit' | 'clear' | 'submit';

export interface CommandOutput {
  text?: string;
  /** Machine-readable state, for commands that report state (`--output-format json`). */
  json?: unknown;
  action?: CommandAction;
  /** With `action: 'submit'`: the prompt the front end sends to the model (custom commands). */
  prompt?: string;
  /** With `action: 'submit'`: overrides for that one prompt (a custom command's front matter). */
  turn?: TurnOverrides;
  isError?: boolean;
}

export interface CompletionContext {
  engine?: CommandEngine;
  services: CommandServices;
}

export interface CommandContext extends CompletionContext {
  engine: CommandEngine;
  signal: AbortSignal;
  /** Receives engine events while a command runs the model (`/compact`). */
  onEvent?(event: unknown): void;
}

export interface SlashCommand {
  name: string;
  aliases: string[];
  summary: string;
  /** Usage line and details shown by `/help NAME`. */
  help: string;
  /** `[model]`, `<id>`… shown after the name in `/help`. */
  argumentHint?: string;
  /** Candidates for the argument being typed (`partial` is the text after the command name). */
  complete?(partial: string, ctx: CompletionContext): Promise<string[]>;
  run(args: string, ctx: CommandContext): Promise<CommandOutput>;
  /** Custom commands from `.claw/commands` are marked so `/help` can group them. */
  custom?: boolean;
}

/** Passed to the engine's `run()` with a custom command's prompt. */
export interface TurnOverrides {
  /** Front matter `model:`. */
  model?: string;
  /** Front matter `allowed-tools:`, as extra allow rules for that prompt. */
  allowRules?: string[];
}

/** A custom command as discovered by @claw/plugins, adapted by the front end. */
export interface CustomCommandSource {
  name: string;
  description: string;
  argumentHint?: string;
  model?: string;
  allowedTools?: string[];
  /** The prompt to send; `signal` stops its `` !`cmd` `` pre-commands. */
  expand(args: string, signal?: AbortSignal): Promise<string>;
}
