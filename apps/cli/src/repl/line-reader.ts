import type { Keyboard } from './keyboard.js';
import { PromptEditor } from './prompt-editor.js';

export interface LineReaderDeps {
  keyboard: Pick<Keyboard, 'push'>;
  write(text: string): void;
  columns(): number;
  /** Ctrl-C at an empty line: the question is abandoned and so is what asked it (a running command). */
  onInterrupt?(): void;
}

export interface ReadLineOptions {
  /** Echo `*` instead of the characters (API keys). */
  mask?: boolean;
  /** Erase the typed line once answered; the caller shows the answer its own way. */
  transient?: boolean;
  /** Aborting erases the question and resolves undefined (the answer is no longer needed). */
  signal?: AbortSignal;
}

/** Asks one line on the terminal; resolves undefined when it is cancelled (Ctrl-C, Ctrl-D, the signal). */
export type ReadLine = (prompt: string, options?: ReadLineOptions) => Promise<string | undefined>;

/**
 * A one-line question above everything else on the keyboard stack, drawn by the same editor as the prompt:
 * the feedback after a denied permission, a pasted OAuth code, an API key.
 */
export function createLineReader(deps: LineReaderDeps): ReadLine {
  return async (prompt, options = {}) => {
    const { signal } = options;
    if (signal?.aborted) return undefined;
    const editor = new PromptEditor({
      prompt,
      write: deps.write,
      columns: deps.columns,
      ...(options.mask ? { mask: true } : {}),
      ...(options.transient ? { transient: true } : {}),
    });
    const pop = deps.keyboard.push((text, key) => editor.handleKey(text, key));
    const onAbort = () => editor.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await editor.read();
      if (result.kind === 'interrupt') deps.onInterrupt?.();
      return result.kind === 'submit' ? result.text : undefined;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      pop();
    }
  };
}
