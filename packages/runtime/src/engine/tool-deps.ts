import { homedir } from 'node:os';
import type { ToolSessionState } from '@claw/tools';
import type { ToolExecutionDeps } from '../loop/tool-executor.js';
import { expandPath } from '../permissions/paths.js';
import type { EngineParts } from './engine-parts.js';
import { credentialRedactor } from './secret-redaction.js';
import {
  capResultOutput,
  createToolContext,
  runPostToolHooks,
  type ToolRuntimeDeps,
} from './tool-runtime.js';

/** What running a tool needs from the session's parts: roots, policy, prompting, hooks, output cap, redaction. */
export function toolRuntimeDeps(parts: EngineParts): ToolRuntimeDeps {
  const { options, settings } = parts;
  return {
    workspaceRoot: options.workspaceRoot,
    // `~/x` and relative entries resolved as the policy resolves them, or the tools refuse what it allows.
    allowedRoots: [
      options.workspaceRoot,
      ...[...(settings.permissions?.additionalDirectories ?? []), ...(options.addDirs ?? [])].map((dir) =>
        expandPath(dir, options.workspaceRoot, options.env.HOME ?? homedir()),
      ),
    ],
    tempDir: parts.tempDir,
    childEnv: parts.childEnv,
    policy: parts.policy,
    prompter: options.interactive ? options.prompter : undefined,
    promptTool: parts.promptTool,
    hooks: parts.hooks,
    maxOutputChars: settings.toolOutputMaxChars ?? 30_000,
    redact: credentialRedactor(parts.providerSetup, options.env),
  };
}

/**
 * The agent loop's tool execution for this session: `authorize` (the session's, or a custom command's wider
 * one for its turn), and `session()` read at each call, since `/clear` and `/resume` replace the session.
 */
export function toolExecutionDeps(
  parts: EngineParts,
  authorize: EngineParts['authorize'],
  session: () => { id: string; state: ToolSessionState },
): Omit<ToolExecutionDeps, 'emit' | 'tools'> {
  const runtime = toolRuntimeDeps(parts);
  const hooks = parts.hooks;
  return {
    authorize,
    beforeCalls: parts.beforeToolCalls,
    contextFor: (call, signal) => createToolContext(runtime, call, session(), signal),
    capOutput: (result, ctx) => capResultOutput(runtime, result, ctx),
    ...(hooks ? { afterTool: (call, result, signal) => runPostToolHooks(hooks, call, result, signal) } : {}),
  };
}
