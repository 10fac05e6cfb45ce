import type { AgentResult } from '@claw/runtime';

export interface ResultMeta {
  sessionId: string;
  model: string;
  durationMs: number;
}

/** The `result` object of SPEC §2, shaped like Claude Code's headless output. */
export function resultObject(result: AgentResult, meta: ResultMeta): Record<string, unknown> {
  const isError = result.subtype !== 'success';
  return {
    type: 'result',
    subtype: result.subtype,
    is_error: isError,
    result: isError && result.error && !result.text ? result.error.message : result.text,
    session_id: meta.sessionId,
    num_turns: result.numTurns,
    duration_ms: meta.durationMs,
    duration_api_ms: result.durationApiMs,
    total_cost_usd: roundedCost(result.totalCostUsd),
    usage: result.usage,
    permission_denials: result.permissionDenials,
    model: meta.model,
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Sums of float prices carry noise (0.022635000000000002); a millionth of a dollar is precise enough. */
export function roundedCost(costUsd: number | undefined): number | null {
  return costUsd === undefined ? null : Math.round(costUsd * 1e6) / 1e6;
}
