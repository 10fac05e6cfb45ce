import type { z } from 'zod';

/** What a tool needs the user to have granted, lowest to highest. */
export type PermissionLevel = 'read-only' | 'workspace-write' | 'danger-full-access';

export interface ToolTextContent {
  type: 'text';
  text: string;
}

export interface ToolImageContent {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string };
}

export type ToolResultContent = string | Array<ToolTextContent | ToolImageContent>;

export interface ToolResult {
  /** What the model receives as the tool_result content. */
  content: ToolResultContent;
  isError?: boolean;
  /** Structured data for the UI (a diff, a file list, exit code...), never sent to the model. */
  display?: ToolDisplay;
}

export type ToolDisplay =
  | { kind: 'diff'; path: string; diff: string; created: boolean }
  | { kind: 'file'; path: string; lines: number }
  | { kind: 'files'; paths: string[] }
  | { kind: 'command'; command: string; exitCode: number | null; signal?: string | null; outputPath?: string }
  | { kind: 'todos'; todos: Array<{ content: string; status: string; activeForm?: string }> }
  | { kind: 'text'; text: string };

/**
 * A request a running tool makes when it needs the user's say-so beyond what the runtime already granted
 * (a path outside the workspace, a protected path such as `.git/config`).
 */
export interface PermissionRequest {
  toolName: string;
  level: PermissionLevel;
  /** Shown to the user: why the tool is asking. */
  reason: string;
  path?: string;
  command?: string;
}

export interface ToolContext {
  /** The workspace root: the directory claw was started in (or `-C`). */
  workspaceRoot: string;
  /** Roots file tools may touch without asking: the workspace plus `--add-dir` directories. */
  allowedRoots: string[];
  /** Roots file tools may read, never write, without asking: claw's own scratch directory. */
  readOnlyRoots?: string[];
  /** Cancels the tool (Ctrl-C, timeout of the turn). */
  signal: AbortSignal;
  /** The `tool_use` block this call answers (sub-agents tag their messages with it). */
  toolUseId?: string;
  /** Asks the user (through the runtime's policy) for a permission; resolves false when denied. */
  ask(request: PermissionRequest): Promise<boolean>;
  /** The session id, for files the tool keeps (full bash logs, todos). */
  sessionId: string;
  /** A directory the tool may write scratch files to (full outputs kept on disk). */
  scratchDir: string;
  /** Environment for child processes, already scrubbed of claw's secrets. */
  env: NodeJS.ProcessEnv;
  /** Shared per-session state (file read timestamps, shell cwd, todos, background shells). */
  state: ToolSessionState;
  /**
   * The user's Read deny and ask rules, for tools that list or search many files without asking for each
   * (Grep, Glob): they leave covered files out. Absent when there are no such rules.
   */
  readRules?: ReadRuleFilter;
}

/** Read deny/ask rules as search tools need them; the runtime compiles them from the permission settings. */
export interface ReadRuleFilter {
  /** Whether a deny or ask rule covers this absolute path (a search cannot ask per file, so it hides it). */
  isBlocked(absolutePath: string): boolean;
  /**
   * rg-style exclusion globs (`!/secrets/**`), relative to `searchRoot`, for the rules that translate
   * exactly; a search passes them so covered files are not even read. `isBlocked` still decides.
   */
  excludeGlobs(searchRoot: string): string[];
}

/** Mutable per-session state that tools share; the runtime creates one per session. */
export interface ToolSessionState {
  /** Absolute path → mtimeMs the model last saw, for stale-write detection. */
  readTimestamps: Map<string, number>;
  /** The Bash tool's persistent working directory. */
  shellCwd?: string;
  todos?: Array<{ content: string; status: string; activeForm?: string }>;
  /** Free-form slots for tools that need more (background shells etc.). */
  extra: Map<string, unknown>;
}

export function createToolSessionState(): ToolSessionState {
  return { readTimestamps: new Map(), extra: new Map() };
}

export interface Tool<Input = unknown> {
  /** Canonical (Claude Code) name, e.g. `Read`. */
  name: string;
  /** Other names accepted everywhere a tool is named, e.g. claw-code's `read_file`. */
  aliases: string[];
  /** Written for the model. */
  description: string;
  /** Source of truth for the input; JSON Schema for the API is derived from it. */
  inputSchema: z.ZodType<Input>;
  /**
   * Field renames applied before validation when the model uses an alias's field names
   * (claw-code's `read_file {"path"}` → `Read {"file_path"}`).
   */
  inputAliases?: Record<string, string>;
  /** Required permission; a function when it depends on the input (read-only bash commands). */
  permission: PermissionLevel | ((input: Input) => PermissionLevel);
  /** Whether several calls may run at once. */
  concurrencySafe: boolean | ((input: Input) => boolean);
  /**
   * The string permission rules match against: a path for file tools, the command for Bash, the URL for
   * WebFetch. Undefined means rules naming this tool match any input.
   */
  ruleSubject?(input: Input): string | undefined;
  /** One line for the UI, e.g. `Read(src/index.ts)`. */
  summarize?(input: Input): string;
  execute(input: Input, context: ToolContext): Promise<ToolResult>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every input type.
export type AnyTool = Tool<any>;
