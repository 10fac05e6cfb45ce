/** How long print mode waits for the first byte of stdin when the prompt came as an argument. */
export const DEFAULT_STDIN_WAIT_MS = 3_000;

/** Piped input beyond this is refused: it would not fit a model's context, and the API would reject it. */
export const MAX_STDIN_BYTES = 10 * 1024 * 1024;

export class StdinTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`stdin is larger than ${limitBytes / 1024 / 1024} MB`);
    this.name = 'StdinTooLargeError';
  }
}

export interface StdinReadOptions {
  /** Refuse (StdinTooLargeError) input longer than this. */
  maxBytes?: number;
  /**
   * Give up when nothing arrived after this long (a parent that left stdin open without writing to it)
   * and resolve what was read: ''. Once the first byte arrives, the read goes on to the end of the input.
   */
  firstByteTimeoutMs?: number;
  onGiveUp?: (waitedMs: number) => void;
}

/** Reads all of stdin when it is piped; resolves '' for a terminal or a closed stdin. */
export function readPipedStdin(options: StdinReadOptions = {}): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      clearTimeout(timer);
      stdin.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      clearTimeout(timer);
      bytes += chunk.length;
      if (options.maxBytes !== undefined && bytes > options.maxBytes) {
        cleanup();
        stdin.destroy();
        reject(new StdinTooLargeError(options.maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stdin.on('data', onData).on('end', onEnd).on('error', onError);
    const wait = options.firstByteTimeoutMs;
    if (wait !== undefined && wait > 0) {
      timer = setTimeout(() => {
        if (chunks.length > 0) return;
        cleanup();
        // Stop reading, or the open pipe keeps the process alive after the answer.
        stdin.destroy();
        options.onGiveUp?.(wait);
        resolve('');
      }, wait);
    }
  });
}

/** `CLAW_STDIN_TIMEOUT_MS`: the wait for piped input next to a prompt argument; 0 waits for ever. */
export function stdinWaitMs(env: NodeJS.ProcessEnv): number {
  const raw = env.CLAW_STDIN_TIMEOUT_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_STDIN_WAIT_MS;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_STDIN_WAIT_MS;
}

/** Prompt from the argument and/or piped stdin: stdin is the prompt, or is appended to it. */
export function combinePrompt(argument: string | undefined, stdin: string): string {
  const arg = argument?.trim() ?? '';
  const piped = stdin.trim();
  if (arg && piped) return `${arg}\n\n${piped}`;
  return arg || piped;
}
