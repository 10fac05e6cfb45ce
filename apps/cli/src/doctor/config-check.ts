import type { SettingsIssue } from '@claw/runtime';
import { type CheckResult, type DoctorContext, result } from './check.js';

function describe(issue: SettingsIssue): string {
  return issue.key ? `${issue.file}: ${issue.key}: ${issue.reason}` : `${issue.file}: ${issue.reason}`;
}

const ownedElsewhere = (issue: SettingsIssue) =>
  issue.key === 'hooks' || issue.key.startsWith('hooks.') || issue.key.startsWith('mcpServers');

/**
 * Settings files: a file that does not parse, or deny rules that could not load (`fatal`), fail; an invalid
 * entry (dropped while its siblings load) warns. Hook and MCP entries are reported by their own checks.
 */
export function checkSettingsFiles(ctx: DoctorContext): CheckResult {
  const { loaded } = ctx;
  const present = loaded.layers.filter((layer) => layer.exists && layer.scope !== 'flags');
  const broken = present.filter((layer) => !layer.loaded);
  const entryIssues = loaded.errors.filter(
    (issue) => issue.key !== '' && !ownedElsewhere(issue) && !issue.file.endsWith('.mcp.json'),
  );
  const files = present.map((layer) => `${layer.loaded ? 'loaded ' : 'skipped'} ${layer.path}`);
  if (loaded.fatal) {
    return result('config', 'Settings files', 'fail', describe(loaded.fatal), files);
  }
  if (broken.length > 0) {
    const reasons = broken.flatMap((layer) => layer.errors.map(describe));
    return result('config', 'Settings files', 'fail', `${broken.length} file(s) could not be loaded`, [
      ...reasons,
      ...files,
    ]);
  }
  if (entryIssues.length > 0) {
    return result(
      'config',
      'Settings files',
      'warn',
      `${entryIssues.length} invalid or unknown entr${entryIssues.length === 1 ? 'y' : 'ies'} (ignored)`,
      [...entryIssues.map(describe), ...files],
    );
  }
  if (present.length === 0) return result('config', 'Settings files', 'pass', 'none found (defaults apply)');
  return result('config', 'Settings files', 'pass', `${present.length} file(s) valid`, files);
}

/** Hook entries are validated one by one at load; a dropped hook is a failure (it may be a guard the user relies on). */
export function checkHooks(ctx: DoctorContext): CheckResult {
  const issues = ctx.loaded.errors.filter((issue) => issue.key === 'hooks' || issue.key.startsWith('hooks.'));
  const events = Object.entries(ctx.loaded.settings.hooks ?? {});
  const count = events.reduce((n, [, groups]) => n + (groups?.length ?? 0), 0);
  if (issues.length > 0) {
    return result(
      'hooks',
      'Hooks',
      'fail',
      `${issues.length} invalid hook entr${issues.length === 1 ? 'y' : 'ies'}`,
      [...issues.map(describe)],
    );
  }
  if (count === 0) return result('hooks', 'Hooks', 'info', 'none configured');
  return result(
    'hooks',
    'Hooks',
    'pass',
    `${count} matcher group(s) on ${events.map(([event]) => event).join(', ')}`,
  );
}
