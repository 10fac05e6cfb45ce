/**
 * Reads one line from a terminal without echoing it (for secrets typed by a person). Backspace edits,
 * Enter ends, Ctrl-C and Ctrl-D abort with undefined. The terminal is restored whatever happens.
 */
export function readHiddenLine(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
): Promise<string | undefined> {
  process.stderr.write(prompt);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  let line = '';
  return new Promise((resolve) => {
    const finish = (value: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish(line);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(undefined);
          return;
        }
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else if (char >= ' ') line += char;
      }
    };
    input.on('data', onData);
  });
}
