/** Reads all of stdin when it is piped; resolves '' for a terminal or a closed stdin. */
export async function readPipedStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Prompt from the argument and/or piped stdin: stdin is the prompt, or is appended to it. */
export function combinePrompt(argument: string | undefined, stdin: string): string {
  const arg = argument?.trim() ?? '';
  const piped = stdin.trim();
  if (arg && piped) return `${arg}\n\n${piped}`;
  return arg || piped;
}
