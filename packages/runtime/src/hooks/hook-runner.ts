import type { PermissionMode } from '../permissions/index.js';
import {
  DEFAULT_HOOK_TIMEOUT_SECONDS,
  type HookCommand,
  type HookEventName,
  type HooksConfig,
} from './hook-config.js';
import {
  type HookExecution,
  type HookOutcome,
  interpretHookExecution,
  mergeHookVerdicts,
} from './hook-outcome.js';
import { claudeCodePermissionMode, type HookPayloadByEvent, matchSubject } from './hook-payload.js';
import { matcherMatches, type ToolAliasMap, toolNameVariants } from './matcher.js';
import { runHookCommand } from './run-command.js';

export interface HookRunnerOptions {
  hooksConfig: HooksConfig | undefined;
  cwd: string;
  /** The child environment, already scrubbed of secrets by the caller. */
  env: Readonly<Record<string, string | undefined>>;
  sessionId: string;
  transcriptPath: string;
  /** The session as it is now (`/clear` and `/resume` switch it); overrides `sessionId`/`transcriptPath`. */
  currentSession?: () => { sessionId: string; transcriptPath: string };
  /** The mode as it is now (`/permissions` changes it); sent as Claude Code's `permission_mode`. */
  permissionMode?: () => PermissionMode;
  toolAliases?: ToolAliasMap;
  /** Injected for tests; defaults to `runHookCommand`. */
  runCommand?: typeof runHookCommand;
}

export interface HookRunner {
  /** Where hooks run (the workspace root); relative paths in payloads are resolved against it. */
  readonly cwd: string;
  /** The commands that would run for this event and payload (deduplicated, in configuration order). */
  matching<E extends HookEventName>(event: E, payload: HookPayloadByEvent[E]): HookCommand[];
  run<E extends HookEventName>(
    event: E,
    payload: HookPayloadByEvent[E],
    signal?: AbortSignal,
  ): Promise<HookOutcome>;
}

export function createHookRunner(options: HookRunnerOptions): HookRunner {
  const aliases = options.toolAliases ?? {};
  const runCommand = options.runCommand ?? runHookCommand;
  const env = { ...options.env, CLAUDE_PROJECT_DIR: options.cwd, CLAW_PROJECT_DIR: options.cwd };

  const matching = <E extends HookEventName>(event: E, payload: HookPayloadByEvent[E]): HookCommand[] => {
    const groups = options.hooksConfig?.[event] ?? [];
    if (groups.length === 0) return [];
    const subject = matchSubject(event, payload as Record<string, unknown>);
    const names =
      subject === undefined
        ? undefined
        : event === 'PreToolUse' || event === 'PostToolUse'
          ? toolNameVariants(subject, aliases)
          : [subject];
    const seen = new Set<string>();
    const commands: HookCommand[] = [];
    for (const group of groups) {
      if (names && !matcherMatches(group.matcher, names)) continue;
      for (const hook of group.hooks) {
        // The same command configured in two files runs once, as Claude Code.
        if (seen.has(hook.command)) continue;
        seen.add(hook.command);
        commands.push(hook);
      }
    }
    return commands;
  };

  return {
    cwd: options.cwd,
    matching,
    async run(event, payload, signal) {
      const commands = matching(event, payload);
      if (commands.length === 0) return { messages: [], executions: [] };
      const session = options.currentSession?.() ?? options;
      const mode = options.permissionMode?.();
      const input = JSON.stringify({
        session_id: session.sessionId,
        transcript_path: session.transcriptPath,
        cwd: options.cwd,
        ...(mode ? { permission_mode: claudeCodePermissionMode(mode) } : {}),
        hook_event_name: event,
        ...payload,
      });
      const executions: HookExecution[] = await Promise.all(
        commands.map((hook) =>
          runCommand({
            command: hook.command,
            cwd: options.cwd,
            env: pluginEnv(env, hook.pluginRoot),
            input,
            timeoutSeconds: hook.timeout ?? DEFAULT_HOOK_TIMEOUT_SECONDS,
            ...(signal ? { signal } : {}),
          }),
        ),
      );
      return mergeHookVerdicts(
        executions.map((execution) => interpretHookExecution(event, execution)),
        executions,
      );
    },
  };
}

/** A plugin's hook sees its plugin's root, as Claude Code's plugin hooks expect. */
function pluginEnv(
  env: Readonly<Record<string, string | undefined>>,
  pluginRoot: string | undefined,
): Readonly<Record<string, string | undefined>> {
  return pluginRoot === undefined
    ? env
    : { ...env, CLAUDE_PLUGIN_ROOT: pluginRoot, CLAW_PLUGIN_ROOT: pluginRoot };
}
