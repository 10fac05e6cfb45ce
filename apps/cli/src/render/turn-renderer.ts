import type { AgentEvent } from '@claw/runtime';
import { MarkdownStream } from './markdown-stream.js';
import { Spinner } from './spinner.js';
import type { Style } from './style.js';
import type { TerminalOutput } from './terminal.js';
import { visibleWidth } from './text-width.js';
import { formatToolResult, formatToolStart } from './tool-view.js';

export interface TurnRendererOptions {
  /** Show thinking text (dim) instead of only a spinner label. */
  verbose?: boolean;
  now?: () => number;
}

/**
 * Renders one turn's AgentEvents: streamed Markdown committed line by line (with the unfinished line shown
 * raw as a preview on a TTY and replaced once it completes), tool calls as one-liners with folded results,
 * and a spinner while the model is quiet. It only consumes events; the loop lives in the runtime.
 */
export class TurnRenderer {
  private readonly markdown: MarkdownStream;
  private readonly spinner: Spinner;
  private previewedLength = 0;
  private previewWidth = 0;
  private wroteText = false;
  private thinking = false;
  /** Tool calls that were denied: the denial row already says why, so their error result is not shown. */
  private readonly denied = new Set<string>();
  /** Denials the user just gave at the permission prompt, which already shows the answer row. */
  private deniedAtPrompt = 0;

  constructor(
    private readonly out: TerminalOutput,
    private readonly style: Style,
    private readonly options: TurnRendererOptions = {},
  ) {
    this.markdown = new MarkdownStream({ style, width: out.columns });
    this.spinner = new Spinner(out, style, options.now);
  }

  /** Call when the prompt is sent: shows the spinner until the first event. */
  begin(): void {
    if (this.out.isTTY) this.spinner.start();
  }

  onEvent(event: AgentEvent): void {
    switch (event.type) {
      case 'text_delta':
        this.text(event.text);
        return;
      case 'thinking_delta':
        this.thinking = true;
        if (this.options.verbose) {
          this.spinner.stop();
          this.writeLine(this.style.dim(this.style.italic(event.text.trimEnd())));
        }
        return;
      case 'assistant_message':
        this.flushText();
        return;
      case 'tool_start':
        this.flushText();
        this.writeLine(formatToolStart(event.name, event.summary, this.style));
        this.resumeSpinner(`Running ${event.name}…`);
        return;
      case 'tool_end':
        this.spinner.stop();
        if (!this.denied.delete(event.toolUseId)) {
          for (const line of formatToolResult(event.result, this.style)) this.writeLine(line);
        }
        this.resumeSpinner('Thinking…');
        return;
      case 'permission_denied':
        this.denied.add(event.denial.tool_use_id);
        if (this.deniedAtPrompt > 0) {
          this.deniedAtPrompt -= 1;
          return;
        }
        this.writeLine(
          `  ${this.style.gray('⎿')}  ${this.style.red(`Denied ${event.denial.tool_name}: ${event.reason}`)}`,
        );
        return;
      case 'retry':
        this.writeLine(
          this.style.yellow(
            `Retrying in ${Math.ceil(event.delayMs / 1000)}s (attempt ${event.attempt}/${event.maxAttempts}): ${event.reason}`,
          ),
        );
        return;
      case 'warning':
        this.writeLine(this.style.yellow(`warning: ${event.message}`));
        return;
      case 'compaction':
        // A manual compaction is /compact, which reports its own result.
        if (event.trigger === 'manual') return;
        this.writeLine(
          this.style.gray(`✻ Compacted ${event.replacedCount} messages into a summary (${event.trigger})`),
        );
        return;
      case 'turn_start':
        if (this.thinking) this.resumeSpinner('Thinking…');
        return;
      case 'usage':
      case 'user_message':
      case 'stream_event':
      // The Task call's own line stands for a sub-agent in the terminal.
      case 'subagent_event':
        return;
      default:
        assertNever(event);
    }
  }

  /** Stops the spinner and commits pending text; used before a permission prompt and at the end of a turn. */
  suspend(): void {
    this.spinner.stop();
    this.flushText();
  }

  end(): void {
    this.suspend();
  }

  /** The user denied a tool at the permission prompt; its answer row stands for the denial event. */
  deniedByUser(): void {
    this.deniedAtPrompt += 1;
  }

  private text(chunk: string): void {
    this.spinner.stop();
    if (!this.wroteText) {
      this.wroteText = true;
      chunk = chunk.replace(/^\n+/, '');
    }
    const committed = this.markdown.push(chunk);
    if (committed) {
      this.clearPreview();
      this.out.write(committed);
    }
    if (!this.out.isTTY) return;
    // The pending line only grows until it is committed, so the new part is its tail (no rescans).
    const pending = this.markdown.pending();
    const added = pending.slice(this.previewedLength);
    if (added) {
      this.out.write(added);
      this.previewWidth += visibleWidth(added);
      this.previewedLength = pending.length;
    }
  }

  private flushText(): void {
    const rest = this.markdown.end();
    this.clearPreview();
    if (rest) this.out.write(rest);
    this.wroteText = false;
  }

  /** Erases the raw preview of the unfinished line (it may have wrapped over several rows). */
  private clearPreview(): void {
    if (!this.previewedLength) return;
    const columns = this.out.columns || 80;
    const rows = Math.max(1, Math.ceil(this.previewWidth / columns));
    this.out.write(`\r${'\u001b[A'.repeat(rows - 1)}\u001b[J`);
    this.previewedLength = 0;
    this.previewWidth = 0;
  }

  private writeLine(line: string): void {
    this.spinner.stop();
    this.out.write(`${line}\n`);
  }

  private resumeSpinner(label: string): void {
    if (this.out.isTTY) this.spinner.start(label);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
