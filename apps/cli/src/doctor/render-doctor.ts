import { type MarkStyle, mark } from '../reports/marks.js';
import type { DoctorReport } from './run-doctor.js';

/** One line per check (`✓ Title  message`), details indented under it, and a one-line verdict. */
export function renderDoctorReport(report: DoctorReport, style: MarkStyle, verbose: boolean): string {
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(`${mark(check.status, style)} ${check.title.padEnd(width)}  ${check.message}`);
    // Details matter when something is wrong; on success they are noise unless asked for.
    const showDetails = verbose || check.status === 'fail' || check.status === 'warn';
    if (showDetails) for (const detail of check.details ?? []) lines.push(`      ${detail}`);
  }
  const { pass, warn, fail } = report.summary;
  lines.push(
    '',
    fail > 0
      ? `${fail} check(s) failed, ${warn} warning(s), ${pass} passed.`
      : `All checks passed${warn > 0 ? ` (${warn} warning(s))` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
