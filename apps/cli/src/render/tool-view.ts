import type { ToolResult } from '@claw/tools';
import { diffStats, renderDiff } from './diff-view.js';
import type { Style } from './style.js';

/** Lines of a tool result shown before folding into "… N more lines". */
export const FOLDED_RESULT_LINES = 4;
const DIFF_LINES = 20;

/** `⏺ Read(src/x.ts)`: the runtime's summary when it has one, else the tool name. */
export function formatToolStart(name: string, summary: string, style: Style): string {
  const label =
    summary && summary !== name ? (summary.startsWith(name) ? summary : `${name}(${summary})`) : name;
  const paren = label.indexOf('(');
  const head = paren === -1 ? label : label.slice(0, paren);
  const tail = paren === -1 ? '' : label.slice(paren);
  return `${style.green('⏺')} ${style.bold(head)}${tail}`;
}

function resultText(result: ToolResult): string {
  if (typeof result.content === 'string') return result.content;
  return result.content
    .map((c) => (c.type === 'text' ? c.text : `[image ${c.source.media_type}]`))
    .join('\n');
}

function fold(text: string, style: Style, keep = FOLDED_RESULT_LINES): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  const shown = lines.slice(0, keep);
  if (lines.length > keep) shown.push(style.gray(`… ${lines.length - keep} more lines`));
  return shown;
}

/** The result under a tool line, indented with the `⎿` gutter Claude Code users know. */
export function formatToolResult(result: ToolResult, style: Style): string[] {
  const body = toolResultBody(result, style);
  return body.map((line, i) => `  ${i === 0 ? style.gray('⎿') : ' '}  ${line}`);
}

function toolResultBody(result: ToolResult, style: Style): string[] {
  if (result.isError) return fold(resultText(result), style).map((l) => style.red(l));
  const display = result.display;
  switch (display?.kind) {
    case 'diff': {
      const { added, removed } = diffStats(display.diff);
      const verb = display.created ? 'Created' : 'Updated';
      return [
        `${verb} ${style.bold(display.path)} with ${style.green(`+${added}`)} ${style.red(`-${removed}`)}`,
        ...renderDiff(display.diff, style, DIFF_LINES),
      ];
    }
    case 'file':
      return [`Read ${style.bold(String(display.lines))} lines`];
    case 'files':
      return [
        `Found ${style.bold(String(display.paths.length))} files`,
        ...fold(display.paths.join('\n'), style, 3),
      ];
    case 'command': {
      const lines = fold(resultText(result), style);
      if (display.exitCode !== 0 && display.exitCode !== null)
        lines.push(style.red(`exit code ${display.exitCode}`));
      return lines;
    }
    case 'todos':
      return display.todos.map((t) => {
        if (t.status === 'completed') return style.dim(`☒ ${t.content}`);
        if (t.status === 'in_progress') return style.bold(`☐ ${t.activeForm ?? t.content}`);
        return `☐ ${t.content}`;
      });
    case 'text':
      return fold(display.text, style);
    case undefined:
      return fold(resultText(result), style);
    default:
      return assertNever(display);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled tool display ${JSON.stringify(value)}`);
}
