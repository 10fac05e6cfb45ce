import { join } from 'node:path';
import type { ClawProvider, ToolSpec, Usage } from '@claw/api-client';
import { CREDENTIALS_FILE_NAME, scrubChildEnv } from '@claw/auth';
import { type AnyTool, capToolOutput, createBuiltinTools, toolSpec } from '@claw/tools';
import type { Settings } from '../config/index.js';
import type { BashAnalyzer } from '../permissions/index.js';
import { decideSandbox, detectSandbox, withGitConfig } from '../sandbox/index.js';
import { modelEnvironment } from './model-env.js';
import { EngineError } from './types.js';
import { webToolDeps } from './web-tool-setup.js';

export interface ToolSetup {
  tools: AnyTool[];
  /** alias → canonical name, for rules and hook matchers. */
  aliases: Record<string, string>;
  childEnv: NodeJS.ProcessEnv;
  sandboxWarning: string | undefined;
}

/** Canonical name for every alias, so `bash(...)` rules and `write_file` hook matchers work. */
export function aliasMap(tools: readonly AnyTool[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tool of tools) for (const alias of tool.aliases) map[alias] = tool.name;
  return map;
}

/** Canonical name → its aliases, the shape hook matchers take. */
export function aliasesByTool(tools: readonly AnyTool[]): Record<string, string[]> {
  return Object.fromEntries(tools.map((tool) => [tool.name, [...tool.aliases]]));
}

/**
 * Child processes (Bash, hooks, MCP servers) get settings `env` but none of claw's secrets, and git
 * configuration that keeps a repository's config from running commands (see git-hardening.ts).
 */
export function childEnvironment(env: NodeJS.ProcessEnv, settings: Settings): NodeJS.ProcessEnv {
  return withGitConfig(
    scrubChildEnv({ ...env, ...(settings.env ?? {}) }, { allow: settings.childEnvAllow ?? [] }),
  );
}

export function setUpBuiltinTools(input: {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  workspaceRoot: string;
  homeDir: string;
  analyzer: BashAnalyzer;
  tempDir: string;
  configHome: string;
  /** Answers WebFetch prompts with its small model; without it WebFetch returns pages as they are. */
  provider?: ClawProvider;
  /** Counts WebFetch's small-model requests in the session's usage. */
  onModelUsage?: (usage: Usage, model: string) => void;
}): ToolSetup {
  const { settings } = input;
  const sandbox = decideSandbox(
    settings.sandbox ?? {},
    settings.sandbox?.enabled ? detectSandbox() : { available: false, reason: 'not enabled' },
    {
      workspaceRoot: input.workspaceRoot,
      writableDirs: [input.tempDir],
      homeDir: input.homeDir,
      // `$CLAW_CONFIG_HOME` may be anywhere, not only `~/.claw`.
      secretPaths: [join(input.configHome, CREDENTIALS_FILE_NAME)],
    },
  );
  if (sandbox.fatal)
    throw new EngineError(
      'sandbox',
      sandbox.fatal,
      'Install bubblewrap (apt-get install bubblewrap) or set sandbox.failIfUnavailable to false.',
    );
  const tools = createBuiltinTools({
    classifyCommand: input.analyzer.classify,
    ...(sandbox.wrap ? { wrapCommand: sandbox.wrap } : {}),
    ...webToolDeps({
      settings,
      env: modelEnvironment(input.env, settings),
      ...(input.provider ? { provider: input.provider } : {}),
      ...(input.onModelUsage ? { onModelUsage: input.onModelUsage } : {}),
    }),
    ...(settings.toolOutputMaxChars ? { maxOutputChars: settings.toolOutputMaxChars } : {}),
  });
  return {
    tools,
    aliases: aliasMap(tools),
    childEnv: childEnvironment(input.env, settings),
    sandboxWarning: sandbox.warning,
  };
}

export { capToolOutput };

/** MCP and plugin tools carry their server's JSON Schema; it goes to the API as is. */
export function specOf(tool: AnyTool): ToolSpec {
  const jsonSchema = (tool as AnyTool & { jsonSchema?: Record<string, unknown> }).jsonSchema;
  if (jsonSchema) return { name: tool.name, description: tool.description, input_schema: jsonSchema };
  return toolSpec(tool);
}
