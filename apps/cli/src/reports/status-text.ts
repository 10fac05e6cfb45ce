import type { StatusReport } from './status-report.js';
import { formatTable } from './table.js';

const MODEL_SOURCES: Record<string, string> = {
  flag: '--model',
  'env:CLAW_MODEL': '$CLAW_MODEL',
  'env:ANTHROPIC_MODEL': '$ANTHROPIC_MODEL',
  settings: 'settings',
  default: 'built-in default',
};

function trustLine(trust: StatusReport['trust']): string {
  if (trust.source === 'env') return 'trusted for this run (CLAW_TRUST_WORKSPACE=1)';
  if (trust.trusted) return `trusted${trust.trustedPath ? ` (recorded for ${trust.trustedPath})` : ''}`;
  return 'not trusted — project settings may only restrict (claw trust)';
}

/** The human form of `claw status`: a few labelled lines, then one section per list. */
export function renderStatus(report: StatusReport): string {
  const m = report.model;
  const modelFrom = `${MODEL_SOURCES[m.source] ?? m.source}${m.path ? ` (${m.path})` : ''}`;
  const mode = report.permissionMode;
  const credential = report.credential.source
    ? `${report.credential.kind === 'bearer' ? 'bearer token' : 'API key'} from ${report.credential.source}${report.credential.preview ? ` (${report.credential.preview})` : ''}`
    : 'none';
  const lines = [
    formatTable([
      ['Workspace', report.workspace],
      ['Model', `${m.id}${m.requested ? ` (alias "${m.requested}")` : ''} — from ${modelFrom}`],
      ['Provider', `${report.provider.kind} at ${report.provider.baseURL}`],
      ['', report.provider.reason],
      ['Permission mode', `${mode.mode} — from ${mode.source}${mode.path ? ` (${mode.path})` : ''}`],
      ['Credential', credential],
      ['Workspace trust', trustLine(report.trust)],
    ]),
    '',
    'Memory files (in prompt order):',
  ];
  if (report.memoryFiles.length === 0) lines.push('  none');
  else
    lines.push(
      formatTable(
        report.memoryFiles.map((f) => [
          f.path,
          `${f.bytes} bytes`,
          `${f.scope}${f.truncated ? ', truncated' : ''}${f.importedFrom ? `, imported by ${f.importedFrom}` : ''}`,
        ]),
        '  ',
      ),
    );

  lines.push('', 'Config files (lowest precedence first):');
  for (const file of report.configFiles) {
    const state = !file.exists ? 'absent' : file.loaded ? 'loaded' : 'SKIPPED';
    lines.push(`  ${file.path} [${file.scope}${file.compat ? ', compat' : ''}, ${state}]`);
    if (file.wins.length > 0) lines.push(`    wins: ${file.wins.join(', ')}`);
    for (const issue of file.issues) lines.push(`    issue: ${issue}`);
  }

  lines.push('', 'MCP servers:');
  if (report.mcpServers.length === 0) lines.push('  none');
  for (const server of report.mcpServers) {
    lines.push(
      `  ${server.name} (${server.scope}): ${server.state}${server.message ? ` — ${server.message}` : ''}${server.shadowed ? ' [shadowed]' : ''}`,
    );
  }

  lines.push('', 'Hooks:');
  lines.push(
    report.hooks.groups === 0
      ? '  none'
      : `  ${report.hooks.groups} matcher group(s) on ${report.hooks.events.join(', ')}`,
  );
  for (const issue of report.hooks.issues) lines.push(`  invalid: ${issue}`);
  if (report.trust.ignored.length > 0) {
    lines.push('', 'Ignored because this workspace is not trusted (run `claw trust` to honour them):');
    for (const item of report.trust.ignored) lines.push(`  ${item.key} (${item.file}): ${item.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
