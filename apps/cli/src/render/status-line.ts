import { contextPercent, formatCost, formatTokens } from '@claw/commands';
import type { Style } from './style.js';

export interface StatusLineInput {
  model: string;
  permissionMode: string;
  contextTokens: number;
  contextWindow: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
}

/** `claude-sonnet-5-5 · workspace-write · ctx 12k/200k (6%) · ↑1.2k ↓340 · $0.0123`, dim, one line. */
export function formatStatusLine(input: StatusLineInput, style: Style, columns: number): string {
  const pct = contextPercent(input);
  const ctx = `ctx ${formatTokens(input.contextTokens)}/${formatTokens(input.contextWindow)} (${pct}%)`;
  const parts = [
    input.model,
    input.permissionMode,
    pct >= 80 ? style.yellow(ctx) : ctx,
    `↑${formatTokens(input.inputTokens)} ↓${formatTokens(input.outputTokens)}`,
    formatCost(input.costUsd),
  ];
  let line = parts.join(' · ');
  // Drop the least useful parts first rather than letting the terminal wrap the status line.
  while (columns > 0 && line.replace(/\u001b\[[0-9;]*m/g, '').length > columns && parts.length > 2) {
    parts.splice(parts.length - 2, 1);
    line = parts.join(' · ');
  }
  return style.gray(line);
}
