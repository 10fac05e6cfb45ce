import { rm } from 'node:fs/promises';
import type { ClawProvider, Message, Usage } from '@claw/api-client';
import type { AgentDefinition } from '@claw/plugins';
import { type AnyTool, createToolSessionState, killAllBackgroundShells } from '@claw/tools';
import type { SessionEndReason, SessionStartSource } from '../hooks/index.js';
import { runAgentLoop } from '../loop/agent-loop.js';
import type { AgentEvent, AgentResult } from '../loop/events.js';
import { answerInterruptedToolUses } from '../loop/interrupted-tools.js';
import type { ToolExecutionDeps } from '../loop/tool-executor.js';
import { UsageMeter } from '../loop/usage-meter.js';
import { parsePermissionMode } from '../permissions/index.js';
import type { Session } from '../session/index.js';
import { authorizeShellCommand } from './command-permissions.js';
import type { EngineParts } from './engine-parts.js';
import { describeEngine, type EngineView, engineStatus, failedBeforeStart } from './engine-report.js';
import { expandMcpPrompt, promptCommandOf } from './mcp-prompts.js';
import { loopModelOptions } from './model-env.js';
import { continueWhileStopHooksBlock, runUserPromptHooks } from './prompt-hooks.js';
import { autoCompactIfDue, type CompactionDeps, compactAndRecord } from './session-compaction.js';
import { recordingEmitter } from './session-recorder.js';
import { runSubAgent } from './sub-agent.js';
import { type ChildRun, createTaskTool } from './task-tool.js';
import { toolExecutionDeps } from './tool-deps.js';
import { specOf } from './tool-setup.js';
import type {
  ClawEngine,
  EngineDescription,
  EngineStatus,
  LoadedExtensions,
  McpPromptCommand,
  RunOptions,
  ShellAuthorization,
  Todo,
  UsageReport,
} from './types.js';
import { EngineError } from './types.js';

export type { EngineParts } from './engine-parts.js';

export class ClawEngineImpl implements ClawEngine {
  private session: Session;
  private history: Message[];
  private meter: UsageMeter;
  private modelName: string;
  private lastInputTokens = 0;
  private requests = 0;
  private toolState = createToolSessionState();
  private started = false;
  /** Why the next prompt fires SessionStart again (after `/clear`, `/resume`, a compaction). */
  private pendingStart: SessionStartSource | undefined;
  private readonly taskTool: AnyTool;
  /** The listener of the loop that is running, for sub-agents' events. */
  private emitToFrontEnd: ((event: AgentEvent) => void) | undefined;
  /** Set while a prompt with extra allow rules (a custom command's `allowed-tools`) runs. */
  private turnAuthorize: EngineParts['authorize'] | undefined;
  /** The system prompt and the memory files in it; `reloadMemory` replaces both. */
  private system: string;
  private memoryFiles: EngineParts['memoryFiles'];

  constructor(private readonly parts: EngineParts) {
    this.taskTool = createTaskTool(parts.extensions.agents, (agent, prompt, signal, parentToolUseId) =>
      this.runChild(agent, prompt, signal, parentToolUseId),
    );
    this.session = parts.session;
    this.system = parts.system;
    this.memoryFiles = parts.memoryFiles;
    this.history = [...parts.restored.messages];
    this.meter = new UsageMeter({ usage: parts.restored.usage, costUsd: parts.restored.costUsd });
    this.modelName = parts.providerSetup.provider.modelInfo.id;
    this.toolState.todos = parts.restored.todos;
    this.lastInputTokens = parts.restored.contextTokens;
    this.requests = parts.restored.requestCount;
  }

  get sessionId(): string {
    return this.session.id;
  }

  /** The current session's file, the `transcript_path` hooks receive. */
  get transcriptPath(): string {
    return this.session.path;
  }

  /** Where the persistent Bash shell is (after a `cd`); undefined before the first Bash call. */
  get shellCwd(): string | undefined {
    return this.toolState.shellCwd;
  }

  get model(): string {
    return this.modelName;
  }

  private get provider(): ClawProvider {
    return this.parts.providerSetup.provider;
  }

  /** The tools offered to the model this turn. */
  private offeredTools(): AnyTool[] {
    return [...this.parts.builtinTools, ...this.parts.extensions.tools(), this.taskTool];
  }

  /** The tools a call may be dispatched to (deferred MCP tools included). */
  private dispatchableTools(): AnyTool[] {
    return [...this.parts.builtinTools, ...this.parts.extensions.allTools(), this.taskTool];
  }

  private view(): EngineView {
    return {
      sessionId: this.session.id,
      model: this.modelName,
      provider: this.provider,
      tools: this.offeredTools().map((t) => t.name),
      memoryFiles: this.memoryFiles,
    };
  }

  describe(): EngineDescription {
    return describeEngine(this.parts, this.view());
  }

  status(): EngineStatus {
    return engineStatus(this.parts, this.view());
  }

  usage(): UsageReport {
    return {
      usage: this.meter.usage,
      costUsd: this.meter.costUsd,
      requests: this.requests,
      contextTokens: this.lastInputTokens,
      contextWindow: this.provider.modelInfo.contextWindow,
    };
  }

  messages(): readonly Message[] {
    return this.history;
  }

  todos(): Todo[] {
    return [...((this.toolState.todos ?? []) as Todo[])];
  }

  setModel(model: string): void {
    const provider = this.parts.providerSetup.setModel(model);
    this.modelName = provider.modelInfo.id;
  }

  setPermissionMode(mode: string): void {
    try {
      this.parts.policy.setMode(parsePermissionMode(mode));
    } catch (error) {
      throw new EngineError('usage', (error as Error).message);
    }
  }

  async reloadMemory(): Promise<void> {
    const next = await this.parts.reloadSystem();
    this.system = next.system;
    this.memoryFiles = next.memoryFiles;
  }

  async clear(): Promise<void> {
    // Background shells belong to the conversation being left: once the tool state is replaced, BashOutput and
    // KillShell can no longer reach them, so they would run on unseen until claw exits.
    await killAllBackgroundShells(this.toolState);
    await this.endSession('clear');
    await this.session.close();
    this.session = await this.parts.store.create({
      model: this.modelName,
      cwd: this.parts.options.workspaceRoot,
    });
    this.history = [];
    this.meter = new UsageMeter();
    this.toolState = createToolSessionState();
    this.started = false;
    this.pendingStart = 'clear';
    // A fresh conversation starts from the memory files as they are now (edited meanwhile, or by `#`).
    await this.reloadMemory();
  }

  async resume(ref: string): Promise<void> {
    const next = await this.parts.store.open(ref, { model: this.modelName });
    const loaded = await next.load();
    await killAllBackgroundShells(this.toolState);
    await this.session.close();
    this.session = next;
    this.history = [...(loaded.messages as Message[])];
    this.meter = new UsageMeter({ usage: loaded.usageTotals, costUsd: loaded.costTotal });
    this.requests = loaded.requestCount;
    this.lastInputTokens = loaded.contextTokens;
    this.toolState = createToolSessionState();
    this.toolState.todos = loaded.todos;
    this.started = false;
    this.pendingStart = 'resume';
  }

  async mcpPromptCommands(signal?: AbortSignal): Promise<McpPromptCommand[]> {
    return (await this.parts.extensions.mcpPrompts.listPrompts(signal)).map(promptCommandOf);
  }

  expandMcpPrompt(name: string, args: string[], signal?: AbortSignal): Promise<string | undefined> {
    return expandMcpPrompt(this.parts.extensions.mcpPrompts, name, args, signal);
  }

  private async sessionStart(signal: AbortSignal): Promise<string[]> {
    if (this.started && !this.pendingStart) return [];
    const source =
      this.pendingStart ??
      (this.parts.options.resume || this.parts.options.continueLatest ? 'resume' : 'startup');
    this.started = true;
    this.pendingStart = undefined;
    if (!this.parts.hooks) return [];
    const outcome = await this.parts.hooks.run('SessionStart', { source }, signal);
    return outcome.additionalContext ?? [];
  }

  extensions(): LoadedExtensions {
    const { commands, skills, agents, hooks } = this.parts.extensions;
    return { commands, skills, agents, hooks };
  }

  authorizeShell(
    command: string,
    options: { allowRules?: string[]; signal: AbortSignal },
  ): Promise<ShellAuthorization> {
    return authorizeShellCommand(this.parts, command, options);
  }

  async run(prompt: string, options: RunOptions): Promise<AgentResult> {
    const previousModel = this.modelName;
    if (options.model) this.setModel(options.model);
    const rules = options.allowRules ?? [];
    this.turnAuthorize = rules.length > 0 ? this.parts.authorizeWithAllowRules(rules) : undefined;
    try {
      return await this.runPrompt(prompt, options);
    } finally {
      this.turnAuthorize = undefined;
      if (options.model) this.setModel(previousModel);
    }
  }

  private async runPrompt(prompt: string, options: RunOptions): Promise<AgentResult> {
    const { signal, onEvent } = options;
    const context = await this.sessionStart(signal);
    if (this.parts.hooks) {
      const submitted = await runUserPromptHooks(this.parts.hooks, prompt, signal, (message) =>
        onEvent({ type: 'warning', message }),
      );
      if ('blocked' in submitted) {
        return failedBeforeStart(
          this.meter,
          'hook_blocked',
          `The prompt was blocked by a UserPromptSubmit hook: ${submitted.blocked}`,
        );
      }
      context.push(...submitted.context);
    }
    const interrupted = answerInterruptedToolUses(this.history);
    if (interrupted.length > 0) {
      onEvent({
        type: 'warning',
        message: `The previous turn stopped during ${interrupted.length} tool call(s); the model is told they did not finish.`,
      });
    }
    const content: Message['content'] = [...interrupted, { type: 'text', text: prompt }];
    for (const extra of context) content.push({ type: 'text', text: extra });
    this.record({ role: 'user', content });
    // The prompt reaches the disk before the model is asked: a kill during a slow first reply must leave a
    // session that `--continue` finds, with the prompt in it.
    await this.session.flush({ fsync: true });

    let result = await this.loop(signal, onEvent);
    if (this.parts.hooks) {
      result = await continueWhileStopHooksBlock(this.parts.hooks, result, signal, (note) => {
        this.record({ role: 'user', content: [{ type: 'text', text: note }] });
        return this.loop(signal, onEvent);
      });
    }
    if (result.error)
      this.session.append({
        type: 'error',
        kind: result.error.kind,
        message: result.error.message,
        ...(result.error.hint ? { hint: result.error.hint } : {}),
      });
    await this.session.flush({ fsync: true });
    return result;
  }

  private record(message: Message): void {
    this.history.push(message);
    this.session.append({ type: 'message', message });
  }

  private loop(signal: AbortSignal, onEvent: (event: AgentEvent) => void): Promise<AgentResult> {
    const emit = recordingEmitter(this.session, this.toolState, onEvent);
    // Sub-agents started in this loop report to the same listener, past the recorder.
    this.emitToFrontEnd = onEvent;
    return runAgentLoop(
      this.history,
      {
        provider: this.provider,
        model: this.modelName,
        maxOutputTokens: this.provider.modelInfo.maxOutputTokens,
        ...loopModelOptions(this.provider, this.parts.settings, this.parts.options.env),
        system: this.system,
        toolSpecs: this.offeredTools().map(specOf),
        toolDeps: { ...this.toolDeps(), tools: this.dispatchableTools() },
        ...(this.parts.options.maxTurns !== undefined ? { maxTurns: this.parts.options.maxTurns } : {}),
        costOf: this.parts.costOf,
        meter: this.meter,
        onMessage: (message, meta) => this.session.append({ type: 'message', message, ...meta }),
        // Each completed model request or tool round reaches the disk, so a crash mid-prompt loses nothing
        // finished; fsync waits for the prompt's end (a kill -9 cannot lose what write() handed the kernel).
        checkpoint: () => this.session.flush(),
        contextTokens: this.lastInputTokens,
        onUsage: (usage, cost, model) => {
          this.lastInputTokens =
            usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
          this.recordUsage(usage, cost, model);
        },
        maybeCompact: (messages, lastInputTokens, s) => this.autoCompact(messages, lastInputTokens, s, emit),
        emit,
      },
      signal,
    );
  }

  private toolDeps(): Omit<ToolExecutionDeps, 'emit' | 'tools'> {
    return toolExecutionDeps(this.parts, this.turnAuthorize ?? this.parts.authorize, () => ({
      id: this.session.id,
      state: this.toolState,
    }));
  }

  private compactionDeps(emit: (event: AgentEvent) => void): CompactionDeps {
    return {
      provider: this.provider,
      model: this.modelName,
      hooks: this.parts.hooks,
      session: this.session,
      meter: this.meter,
      costOf: this.parts.costOf,
      emit,
    };
  }

  private async autoCompact(
    messages: Message[],
    lastInputTokens: number,
    signal: AbortSignal,
    emit: (e: AgentEvent) => void,
  ): Promise<Message[] | undefined> {
    const config = this.parts.autoCompact;
    const done = await autoCompactIfDue(this.compactionDeps(emit), config, messages, lastInputTokens, signal);
    if (!done) return undefined;
    this.lastInputTokens = 0;
    // SessionStart "compact" fires before the next prompt, whose context carries what its hooks add.
    this.pendingStart = 'compact';
    return done.messages;
  }

  async compact(
    instructions: string | undefined,
    options: RunOptions,
  ): Promise<{ summary: string; replacedCount: number } | undefined> {
    const done = await compactAndRecord(
      this.compactionDeps(options.onEvent),
      this.history,
      instructions,
      'manual',
      options.signal,
    );
    if (!done) return undefined;
    this.history.splice(0, this.history.length, ...done.messages);
    this.lastInputTokens = 0;
    this.pendingStart = 'compact';
    await this.session.flush({ fsync: true });
    return { summary: done.summary, replacedCount: done.replacedCount };
  }

  /** SessionEnd for a session that started (its SessionStart fired); never throws. */
  private async endSession(reason: SessionEndReason): Promise<void> {
    if (!this.parts.hooks || !this.started) return;
    try {
      const outcome = await this.parts.hooks.run('SessionEnd', { reason }, AbortSignal.timeout(10_000));
      for (const m of outcome.messages) if (m.level !== 'info') this.parts.options.onWarning?.(m.text);
    } catch (error) {
      // The session must still be closed (lock released, buffer flushed) when a hook fails.
      this.parts.options.onWarning?.(`SessionEnd hook failed: ${(error as Error).message}`);
    }
  }

  async close(reason: SessionEndReason = 'other'): Promise<void> {
    await this.endSession(reason);
    await killAllBackgroundShells(this.toolState);
    await this.session.close();
    await this.parts.extensions.close();
    // The run's scratch directory (spilled outputs, Bash state) is private to it and goes with it.
    await rm(this.parts.tempDir, { recursive: true, force: true });
  }

  private runChild(
    agent: AgentDefinition,
    prompt: string,
    signal: AbortSignal,
    parentToolUseId: string | undefined,
  ): Promise<ChildRun> {
    return runSubAgent(
      {
        provider: this.provider,
        parentModel: this.modelName,
        parentSystem: this.system,
        tools: this.dispatchableTools(),
        offeredNames: new Set(this.offeredTools().map((t) => t.name)),
        toolDeps: this.toolDeps(),
        maxTurns: this.parts.options.maxTurns ?? 50,
        costOf: this.parts.costOf,
        meter: this.meter,
        onUsage: (usage, cost, model) => this.recordUsage(usage, cost, model),
        hooks: this.parts.hooks,
        ...(this.emitToFrontEnd ? { emit: this.emitToFrontEnd } : {}),
        modelOptions: loopModelOptions(this.provider, this.parts.settings, this.parts.options.env),
      },
      agent,
      prompt,
      signal,
      parentToolUseId,
    );
  }

  /** A request made on the session's behalf outside the loop (WebFetch's small model): billed, so counted. */
  recordSideRequest(usage: Usage, model: string): void {
    const cost = this.parts.costOf(model, usage);
    this.meter.add(usage, cost);
    this.recordUsage(usage, cost, model);
  }

  private recordUsage(usage: Usage, cost: number | undefined, model: string): void {
    this.requests += 1;
    this.session.append({ type: 'usage', usage, model, ...(cost !== undefined ? { costUsd: cost } : {}) });
  }
}
