import { createReadStream } from 'node:fs';
import { checkSessionLine, type SessionEvent } from './session-events.js';

export interface ReadSessionResult {
  events: SessionEvent[];
  warnings: string[];
  /** False when the file does not end with a newline (a torn write); appenders must start a new line. */
  endsWithNewline: boolean;
}

/**
 * Streams a session file and parses it line by line. A line that does not parse or is not an event is
 * skipped with a warning naming its line number; everything else is kept. A torn last line (the process died
 * mid-write) gets its own wording because it is expected after a crash.
 */
export async function readSessionFile(path: string): Promise<ReadSessionResult> {
  const events: SessionEvent[] = [];
  const warnings: string[] = [];
  let lineNo = 0;
  let rest = '';
  let lastChar = '\n';

  const handleLine = (line: string, isLast: boolean): void => {
    lineNo++;
    if (line.trim() === '') return;
    let value: unknown;
    let reason: string | undefined;
    try {
      value = JSON.parse(line);
      reason = checkSessionLine(value);
    } catch (error) {
      reason = `invalid JSON (${(error as Error).message})`;
    }
    if (reason === undefined) {
      events.push(value as SessionEvent);
    } else if (isLast) {
      warnings.push(`${path}: skipped a torn last line (${lineNo}): ${reason}`);
    } else {
      warnings.push(`${path}: skipped line ${lineNo}: ${reason}`);
    }
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    if (chunk.length === 0) continue;
    lastChar = chunk[chunk.length - 1] ?? lastChar;
    let text = rest + chunk;
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      handleLine(text.slice(start, newline), false);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    text = '';
  }
  if (rest.length > 0) handleLine(rest, true);
  return { events, warnings, endsWithNewline: lastChar === '\n' };
}
