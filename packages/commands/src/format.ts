import type { UsageReportView } from './types.js';

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}

/** `$0.0123`; `unknown` when the model has no price rather than a made-up $0. */
export function formatCost(cost: number | undefined): string {
  if (cost === undefined) return 'unknown';
  return cost >= 1 ? `$${cost.toFixed(2)}` : `$${cost.toFixed(4)}`;
}

export function contextPercent(report: Pick<UsageReportView, 'contextTokens' | 'contextWindow'>): number {
  if (report.contextWindow <= 0) return 0;
  return Math.min(100, Math.round((report.contextTokens / report.contextWindow) * 100));
}

/** Two aligned columns, for key/value reports. */
export function formatPairs(pairs: Array<[string, string]>): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

/** Candidates from `options` that start with `partial` (case-insensitive), in their given order. */
export function filterPrefix(options: Iterable<string>, partial: string): string[] {
  const lower = partial.toLowerCase();
  return [...new Set(options)].filter((o) => o.toLowerCase().startsWith(lower));
}
