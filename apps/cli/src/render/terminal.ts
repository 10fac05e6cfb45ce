import { colorEnabled, createStyle, type Style } from './style.js';

/** Where rendered output goes: stdout in the REPL, a string buffer in tests. */
export interface TerminalOutput {
  write(text: string): void;
  /** Columns to wrap to; 0 when unknown (a pipe): no wrapping. */
  readonly columns: number;
  /** False for pipes and files: no spinner, no cursor movement, no live preview. */
  readonly isTTY: boolean;
}

export function stdoutTerminal(stream: NodeJS.WriteStream = process.stdout): TerminalOutput {
  return {
    write: (text) => {
      stream.write(text);
    },
    get columns() {
      return stream.isTTY ? (stream.columns ?? 80) : 0;
    },
    isTTY: Boolean(stream.isTTY),
  };
}

export function styleFor(out: TerminalOutput, env: NodeJS.ProcessEnv, noColorFlag?: boolean): Style {
  return createStyle(colorEnabled({ isTTY: out.isTTY, env, noColorFlag: Boolean(noColorFlag) }));
}
