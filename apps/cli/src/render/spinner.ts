import type { Style } from './style.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface SpinnerOutput {
  write(text: string): void;
}

/**
 * "⠋ Thinking… (3s · esc to interrupt)" on one line, redrawn in place. Only used on a TTY; `stop()` erases
 * the line so the next output starts clean.
 */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private startedAt = 0;
  private label = 'Thinking…';

  constructor(
    private readonly out: SpinnerOutput,
    private readonly style: Style,
    private readonly now: () => number = Date.now,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(label = 'Thinking…'): void {
    this.label = label;
    if (this.timer) return;
    this.startedAt = this.now();
    this.draw();
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.out.write('\r\u001b[2K');
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    const seconds = Math.floor((this.now() - this.startedAt) / 1000);
    const text = `${this.style.cyan(FRAMES[this.frame] as string)} ${this.label} ${this.style.gray(`(${seconds}s · esc to interrupt)`)}`;
    this.out.write(`\r\u001b[2K${text}`);
  }
}
