import type { ClawProvider } from '@claw/api-client';
import type { AgentResult } from '../loop/events.js';
import type { UsageMeter } from '../loop/usage-meter.js';
import type { EngineParts } from './engine-parts.js';
import type { EngineDescription, EngineStatus } from './types.js';

/** What the reports need from the engine's live state (the session and model change on /clear, /model…). */
export interface EngineView {
  sessionId: string;
  model: string;
  provider: ClawProvider;
  tools: string[];
  memoryFiles: EngineParts['memoryFiles'];
}

/** The stream-json `init` line's content. */
export function describeEngine(parts: EngineParts, view: EngineView): EngineDescription {
  return {
    session_id: view.sessionId,
    cwd: parts.options.workspaceRoot,
    model: view.model,
    tools: view.tools,
    mcp_servers: parts.extensions.mcpStatus().map((m) => ({ name: m.name, status: m.status })),
    permissionMode: parts.policy.mode,
    apiKeySource: parts.providerSetup.credential?.source ?? 'none',
  };
}

/** `/status` and `claw status`: model and why, provider route, permissions, memory, settings files, MCP. */
export function engineStatus(parts: EngineParts, view: EngineView): EngineStatus {
  const route = view.provider.route;
  return {
    sessionId: view.sessionId,
    workspaceRoot: parts.options.workspaceRoot,
    model: view.model,
    modelSource: parts.modelSource,
    provider: route.kind,
    providerReason: route.reason,
    permissionMode: parts.policy.mode,
    permissionRules: parts.policy.listRules(),
    credentialSource: parts.providerSetup.credential?.source ?? 'none',
    memoryFiles: view.memoryFiles,
    configFiles: parts.loaded.layers
      .filter((l) => l.exists)
      .map((l) => ({ path: l.path, loaded: l.loaded, errors: l.errors.map((e) => e.reason) })),
    mcpServers: parts.extensions.mcpStatus(),
    tools: view.tools,
  };
}

/** The result of a prompt that never reached the model (a hook blocked it). */
export function failedBeforeStart(meter: UsageMeter, kind: string, message: string): AgentResult {
  return {
    subtype: 'error_during_execution',
    text: '',
    numTurns: 0,
    durationApiMs: 0,
    usage: meter.usage,
    totalCostUsd: meter.costUsd,
    permissionDenials: [],
    error: { kind, message },
  };
}
