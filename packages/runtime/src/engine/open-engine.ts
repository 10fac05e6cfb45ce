import { homedir } from 'node:os';
import { costUsd, DEFAULT_MODEL, type Message } from '@claw/api-client';
import { credentialsPath } from '@claw/auth';
import {
  issueToString,
  type JsonObject,
  type LoadedSettings,
  loadSettings,
  resolveAutoCompact,
  resolveEffectiveModel,
  untrustedSettingWarning,
} from '../config/index.js';
import { createHookRunner } from '../hooks/index.js';
import { notifyingPrompter } from '../hooks/notify.js';
import {
  createBashAnalyzer,
  createPermissionPolicy,
  PermissionConfigError,
  type PermissionMode,
  PermissionModeError,
  type PermissionPolicy,
  type PermissionPolicyOptions,
  type PermissionRuleEntry,
  parsePermissionMode,
  persistAllowRule,
} from '../permissions/index.js';
import { buildSystemPrompt, collectGitInfo, loadMemoryFiles } from '../prompt/index.js';
import { type Session, SessionError, SessionStore } from '../session/index.js';
import { type AuthorizerDeps, createAuthorizer } from './authorizer.js';
import { ClawEngineImpl } from './claw-engine.js';
import { policyWithAllowRules } from './command-permissions.js';
import { setUpExtensions } from './extensions-setup.js';
import { modelEnvironment } from './model-env.js';
import { createPromptToolDecider, findPromptTool, type PromptToolDecider } from './prompt-tool.js';
import { setUpProvider } from './provider-setup.js';
import { credentialRedactor } from './secret-redaction.js';
import { privateTempDir } from './temp-dir.js';
import { aliasesByTool, setUpBuiltinTools } from './tool-setup.js';
import { type ClawEngine, EngineError, type EngineOptions } from './types.js';

/** Reported to MCP servers as the client version. */
const CLAW_VERSION = '0.1.0';

function flagOverrides(options: EngineOptions): JsonObject {
  const overrides: JsonObject = {};
  if (options.model) overrides.model = options.model;
  return overrides;
}

async function loadConfig(options: EngineOptions): Promise<LoadedSettings> {
  const loaded = await loadSettings({
    workspaceRoot: options.workspaceRoot,
    configHome: options.configHome,
    flagOverrides: flagOverrides(options),
    env: options.env,
  });
  if (loaded.fatal) {
    throw new EngineError(
      'config',
      issueToString(loaded.fatal),
      'Fix the settings file; claw will not run without your deny rules.',
    );
  }
  for (const issue of loaded.errors) options.onWarning?.(issueToString(issue));
  if (loaded.trust.warning) options.onWarning?.(loaded.trust.warning);
  for (const item of loaded.trust.ignored) options.onWarning?.(untrustedSettingWarning(item));
  return loaded;
}

function permissionRules(loaded: LoadedSettings, options: EngineOptions): PermissionRuleEntry[] {
  return [
    ...loaded.permissionRules,
    ...(options.allowedTools ?? []).map((rule) => ({ behavior: 'allow' as const, rule, source: 'cli' })),
    ...(options.disallowedTools ?? []).map((rule) => ({ behavior: 'deny' as const, rule, source: 'cli' })),
  ];
}

function parseMode(text: string): PermissionMode {
  try {
    return parsePermissionMode(text);
  } catch (error) {
    if (error instanceof PermissionModeError) throw new EngineError('usage', error.message);
    throw error;
  }
}

function createPolicy(create: () => PermissionPolicy): PermissionPolicy {
  try {
    return create();
  } catch (error) {
    if (error instanceof PermissionConfigError) {
      throw new EngineError('config', error.message, 'Fix the permission rules named above.');
    }
    throw error;
  }
}

async function openSession(store: SessionStore, options: EngineOptions, model: string): Promise<Session> {
  try {
    if (options.resume) return await store.open(options.resume, { fork: Boolean(options.fork), model });
    if (options.continueLatest) return await store.open('latest', { fork: Boolean(options.fork), model });
    return await store.create({
      model,
      cwd: options.workspaceRoot,
      ...(options.sessionId ? { id: options.sessionId } : {}),
    });
  } catch (error) {
    if (error instanceof SessionError) throw new EngineError('session', error.message, error.hint);
    throw error;
  }
}

/** Composes settings, credentials, provider, tools, permissions, hooks, memory and the session into an engine. */
export async function openClawEngine(options: EngineOptions): Promise<ClawEngine> {
  // `git status` runs while settings, credentials and tools are set up; in a large repository it is the
  // slowest part of opening a session. It never rejects (no repository → undefined).
  const gitStatus = collectGitInfo(options.workspaceRoot);
  const loaded = await loadConfig(options);
  const { settings } = loaded;
  const env = options.env;
  const homeDir = env.HOME ?? homedir();
  // Provider, model and credentials also see settings `env` (a gateway URL and key set there).
  const modelEnv = modelEnvironment(env, settings);
  const effective = resolveEffectiveModel({
    settings,
    provenance: loaded.provenance,
    env: modelEnv,
    defaultModel: DEFAULT_MODEL,
  });

  const mode = parseMode(options.permissionMode ?? settings.permissions?.defaultMode ?? 'workspace-write');

  const providerSetup = await setUpProvider({
    model: effective.model,
    settings,
    env: modelEnv,
    configHome: options.configHome,
    apiKeyHelper: options.apiKeyHelper ?? settings.apiKeyHelper,
  });
  // The parser (WebAssembly) loads on the first Bash call, not at start-up: see `beforeToolCalls`.
  const analyzer = createBashAnalyzer();

  const scratch = privateTempDir();
  if (scratch.warning) options.onWarning?.(scratch.warning);
  const tempDir = scratch.path;
  const toolSetup = setUpBuiltinTools({
    settings,
    env,
    workspaceRoot: options.workspaceRoot,
    homeDir,
    analyzer,
    tempDir,
    configHome: options.configHome,
    provider: providerSetup.provider,
    // The engine exists by the time a tool runs; WebFetch's small-model request counts toward the session.
    onModelUsage: (usage, model) => engine?.recordSideRequest(usage, model),
  });
  if (toolSetup.sandboxWarning) options.onWarning?.(toolSetup.sandboxWarning);

  const policyOptions: PermissionPolicyOptions = {
    mode,
    rules: permissionRules(loaded, options),
    workspaceRoot: options.workspaceRoot,
    additionalDirectories: [
      ...(settings.permissions?.additionalDirectories ?? []),
      ...(options.addDirs ?? []),
    ],
    readableDirectories: [tempDir],
    credentialFiles: [credentialsPath(options.configHome)],
    toolAliases: toolSetup.aliases,
    analyzeBash: analyzer.analyze,
    homeDir,
  };
  const policy = createPolicy(() => createPermissionPolicy(policyOptions));
  for (const warning of policy.warnings) options.onWarning?.(warning.message);

  // Session files never hold claw's credentials, whether a tool printed them or the user pasted one.
  const store = new SessionStore({
    workspaceRoot: options.workspaceRoot,
    redact: credentialRedactor(providerSetup, env),
  });
  const onWarning = (message: string): void => options.onWarning?.(message);
  // MCP servers start while the session, memory files and git status load.
  const [extensions, session, memoryFiles, gitInfo] = await Promise.all([
    setUpExtensions({
      workspaceRoot: options.workspaceRoot,
      configHome: options.configHome,
      loaded,
      mcpConfigFiles: options.mcpConfigFiles ?? [],
      strictMcpConfig: options.strictMcpConfig ?? false,
      childEnv: toolSetup.childEnv,
      clientVersion: CLAW_VERSION,
      onWarning,
      signal: AbortSignal.timeout(120_000),
    }),
    openSession(store, options, effective.model),
    loadMemoryFiles({
      workspaceRoot: options.workspaceRoot,
      configHome: options.configHome,
      homeDir,
      onWarning,
    }),
    gitStatus,
  ]);
  let promptTool: PromptToolDecider | undefined;
  if (options.permissionPromptTool !== undefined && !options.interactive) {
    try {
      const tool = findPromptTool(options.permissionPromptTool, extensions.allTools());
      promptTool = createPromptToolDecider(tool, options.workspaceRoot, tempDir);
    } catch (error) {
      await session.close();
      await extensions.close();
      throw error;
    }
  }
  const restored = await session.load();
  for (const warning of restored.warnings) onWarning(warning);

  const hooks = extensions.hooks
    ? createHookRunner({
        hooksConfig: extensions.hooks,
        cwd: options.workspaceRoot,
        env: toolSetup.childEnv,
        sessionId: session.id,
        transcriptPath: session.path,
        // `/clear` and `/resume` switch the engine's session; hooks must name the one that is live.
        currentSession: () => ({
          sessionId: engine?.sessionId ?? session.id,
          transcriptPath: engine?.transcriptPath ?? session.path,
        }),
        permissionMode: () => policy.mode,
        toolAliases: aliasesByTool(toolSetup.tools),
      })
    : undefined;

  // The built-in ToolSearch has no catalog here (the runtime defers only MCP tools, and MCP's own ToolSearch
  // serves them when it does): offering it would cost every request its schema for nothing.
  const builtinTools = toolSetup.tools.filter((t) => t.name !== 'ToolSearch');
  const systemWith = (files: typeof memoryFiles): string =>
    buildSystemPrompt({
      cwd: options.workspaceRoot,
      platform: process.platform,
      date: new Date(),
      model: effective.model,
      gitInfo,
      memoryFiles: files,
      toolNames: [...builtinTools, ...extensions.tools()].map((t) => t.name),
      skills: extensions.skills,
      ...(options.appendSystemPrompt ? { appendSystemPrompt: options.appendSystemPrompt } : {}),
    });
  const system = systemWith(memoryFiles);

  let engine: ClawEngineImpl | undefined;
  const authorizerDeps: AuthorizerDeps = {
    policy,
    hooks,
    prompter:
      options.interactive && options.prompter
        ? notifyingPrompter(options.prompter, hooks, (message) => options.onWarning?.(message))
        : undefined,
    promptTool,
    persistRule: async (rule) => {
      await persistAllowRule(options.workspaceRoot, rule);
    },
    // Bash commands are judged from the directory an earlier `cd` left the persistent shell in.
    bashCwd: () => engine?.shellCwd,
    onWarning: (message) => options.onWarning?.(message),
  };
  const authorize = createAuthorizer(authorizerDeps);
  const authorizeWithAllowRules = (allowRules: readonly string[]) => {
    const extra = allowRules.map((rule) => ({ behavior: 'allow' as const, rule, source: 'command' }));
    const widened = createPermissionPolicy({ ...policyOptions, rules: [...policyOptions.rules, ...extra] });
    return createAuthorizer({ ...authorizerDeps, policy: policyWithAllowRules(policy, widened) });
  };

  engine = new ClawEngineImpl({
    options,
    settings,
    loaded,
    modelSource: effective.source,
    providerSetup,
    builtinTools,
    extensions,
    childEnv: toolSetup.childEnv,
    policy,
    authorize,
    authorizeWithAllowRules,
    promptTool,
    hooks,
    store,
    session,
    restored: {
      messages: restored.messages as Message[],
      usage: restored.usageTotals,
      costUsd: restored.costTotal,
      contextTokens: restored.contextTokens,
      requestCount: restored.requestCount,
      todos: restored.todos,
    },
    system,
    memoryFiles: memoryFiles.map((f) => ({ path: f.path, bytes: f.bytes })),
    reloadSystem: async () => {
      const files = await loadMemoryFiles({
        workspaceRoot: options.workspaceRoot,
        configHome: options.configHome,
        homeDir,
        onWarning,
      });
      return { system: systemWith(files), memoryFiles: files.map((f) => ({ path: f.path, bytes: f.bytes })) };
    },
    autoCompact: resolveAutoCompact(settings, env),
    beforeToolCalls: async (tools) => {
      if (tools.some((tool) => tool.name === 'Bash')) await analyzer.init();
    },
    tempDir,
    costOf: (model, usage) => costUsd(model, usage),
  });
  return engine;
}
