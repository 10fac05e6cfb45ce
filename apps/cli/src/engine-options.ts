import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClawEngine, EngineOptions, PermissionPrompter } from '@claw/runtime';
import type { GlobalFlags } from './base-command.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { splitToolRules } from './flag-specs.js';
import { mcpConfigValues } from './mcp-config-flag.js';

export function configHomeFrom(env: NodeJS.ProcessEnv): string {
  return env.CLAW_CONFIG_HOME ? resolve(env.CLAW_CONFIG_HOME) : join(homedir(), '.claw');
}

export function workspaceFrom(flags: { cwd?: string | undefined }): string {
  return resolve(flags.cwd ?? process.cwd());
}

/** Flags of print mode (`claw -p`) that reach the engine besides the global ones. */
export type EngineFlags = GlobalFlags & {
  'api-key-helper'?: string | undefined;
  'session-id'?: string | undefined;
  'permission-prompt-tool'?: string | undefined;
};

/** Maps the global flags onto the runtime's engine options. */
export function engineOptionsFrom(
  flags: EngineFlags,
  extra: { interactive: boolean; prompter?: PermissionPrompter },
): EngineOptions {
  const options: EngineOptions = {
    workspaceRoot: workspaceFrom(flags),
    configHome: configHomeFrom(process.env),
    env: process.env,
    interactive: extra.interactive,
    allowedTools: splitToolRules(flags.allowedTools),
    disallowedTools: splitToolRules(flags.disallowedTools),
    addDirs: (flags['add-dir'] ?? []).map((d) => resolve(d)),
    mcpConfigFiles: mcpConfigValues(flags['mcp-config'] ?? []),
    strictMcpConfig: Boolean(flags['strict-mcp-config']),
    continueLatest: Boolean(flags.continue),
    fork: Boolean(flags.fork),
    onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
  };
  if (flags.model) options.model = flags.model;
  if (flags['dangerously-skip-permissions']) options.permissionMode = 'danger-full-access';
  else if (flags['permission-mode']) options.permissionMode = flags['permission-mode'];
  if (flags['max-turns'] !== undefined) options.maxTurns = flags['max-turns'];
  if (flags['append-system-prompt']) options.appendSystemPrompt = flags['append-system-prompt'];
  if (flags.resume) options.resume = flags.resume;
  if (flags['api-key-helper']) options.apiKeyHelper = flags['api-key-helper'];
  if (flags['session-id']) options.sessionId = flags['session-id'];
  if (extra.prompter) options.prompter = extra.prompter;
  // Only print mode asks a tool; the REPL has a person to ask.
  if (flags['permission-prompt-tool'] && !extra.interactive) {
    options.permissionPromptTool = flags['permission-prompt-tool'];
  }
  return options;
}

/** Opens the runtime engine, turning its typed errors into CLI errors with exit codes. */
export async function openEngine(
  flags: EngineFlags,
  extra: { interactive: boolean; prompter?: PermissionPrompter },
): Promise<ClawEngine> {
  const { openClawEngine, EngineError } = await import('@claw/runtime');
  try {
    return await openClawEngine(engineOptionsFrom(flags, extra));
  } catch (error) {
    if (error instanceof EngineError) {
      throw new CliError(error.kind, error.message, {
        ...(error.hint ? { hint: error.hint } : {}),
        exitCode: error.kind === 'usage' ? EXIT_USAGE : 1,
      });
    }
    throw error;
  }
}
