import type { GrepResult } from './grep/search-spec.js';
import type { ReadRuleFilter } from './tool.js';

/**
 * Search tools list files the user never named, so the permission check of their `path` argument cannot see
 * a `Read(./secrets/**)` rule deeper in the tree. These helpers drop what such rules cover from a result.
 */
export function withoutBlocked(
  paths: readonly string[],
  rules: ReadRuleFilter | undefined,
): { kept: string[]; hidden: number } {
  if (!rules) return { kept: [...paths], hidden: 0 };
  const kept = paths.filter((path) => !rules.isBlocked(path));
  return { kept, hidden: paths.length - kept.length };
}

/** The same for an engine result, whatever its mode. */
export function grepResultWithoutBlocked(
  result: GrepResult,
  rules: ReadRuleFilter | undefined,
): { result: GrepResult; hidden: number } {
  if (!rules) return { result, hidden: 0 };
  const allowed = (path: string) => !rules.isBlocked(path);
  switch (result.mode) {
    case 'files_with_matches': {
      const files = result.files.filter(allowed);
      return { result: { mode: result.mode, files }, hidden: result.files.length - files.length };
    }
    case 'count': {
      const counts = result.counts.filter((entry) => allowed(entry.path));
      return { result: { mode: result.mode, counts }, hidden: result.counts.length - counts.length };
    }
    case 'content': {
      const files = result.files.filter((entry) => allowed(entry.path));
      return { result: { mode: result.mode, files }, hidden: result.files.length - files.length };
    }
  }
}

/**
 * Told to the model, so it knows why a file it expected is missing and that retrying will not help. With
 * `skippedUpFront` the engine was told to skip covered paths, so how many would have matched is unknown.
 */
export function hiddenByRulesNote(hidden: number, skippedUpFront = false): string {
  if (hidden > 0) {
    const files = hidden === 1 ? '1 file' : `${hidden} files`;
    return `\n\n(${files} hidden: the user's Read permission rules deny or require approval for ${hidden === 1 ? 'it' : 'them'}.)`;
  }
  if (skippedUpFront) return "\n\n(Paths covered by the user's Read deny or ask rules were not searched.)";
  return '';
}
