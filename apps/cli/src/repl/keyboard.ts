import { emitKeypressEvents } from 'node:readline';

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
}

export type KeyHandler = (text: string | undefined, key: Key) => void;

/**
 * Owns raw-mode stdin. Key presses go to the handler on top of a stack: the prompt editor while typing, the
 * turn's interrupt handler while the model runs, a permission prompt above that. Bracketed paste is turned
 * on so a pasted newline arrives inside `paste-start`/`paste-end` instead of submitting the prompt.
 */
export class Keyboard {
  private readonly handlers: KeyHandler[] = [];
  private started = false;
  private readonly onKeypress = (text: string | undefined, key: Key | undefined) => {
    const handler = this.handlers.at(-1);
    handler?.(text, key ?? { sequence: text ?? '' });
  };

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    emitKeypressEvents(this.input);
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.on('keypress', this.onKeypress);
    this.input.resume();
    if (this.output.isTTY) this.output.write('\u001b[?2004h');
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.input.off('keypress', this.onKeypress);
    if (this.input.isTTY) this.input.setRawMode(false);
    this.input.pause();
    if (this.output.isTTY) this.output.write('\u001b[?2004l');
  }

  /** Routes keys to `handler` until the returned function is called. */
  push(handler: KeyHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.lastIndexOf(handler);
      if (index !== -1) this.handlers.splice(index, 1);
    };
  }
}

export function isCtrlC(text: string | undefined, key: Key): boolean {
  return (key.ctrl === true && key.name === 'c') || text === '\u0003';
}
