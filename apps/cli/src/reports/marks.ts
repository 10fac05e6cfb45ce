/** Outcome of one check in `claw doctor` / one validation line in `claw status`. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';

const UNICODE: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', info: '·' };
// Plain words when the output is piped or NO_COLOR is set, so logs and greps read well.
const ASCII: Record<CheckStatus, string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', info: 'info' };
const COLOR: Record<CheckStatus, string> = { pass: '32', warn: '33', fail: '31', info: '2' };

export interface MarkStyle {
  unicode: boolean;
  color: boolean;
}

/** Symbols and colour only on an interactive terminal without NO_COLOR / --no-color. */
export function markStyleFor(flags: { 'no-color'?: boolean | undefined }): MarkStyle {
  const fancy = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !flags['no-color'];
  return { unicode: fancy, color: fancy };
}

export function mark(status: CheckStatus, style: MarkStyle): string {
  const symbol = style.unicode ? UNICODE[status] : ASCII[status];
  return style.color ? `\u001b[${COLOR[status]}m${symbol}\u001b[0m` : symbol;
}
