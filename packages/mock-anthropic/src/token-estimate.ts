/** Deterministic stand-in for a tokenizer: about four characters per token, as the API docs suggest. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

/** Input tokens of a request: the JSON of its system prompt, messages and tools (absent parts count zero). */
export function estimateInputTokens(parts: readonly unknown[]): number {
  const characters = parts.reduce<number>(
    (sum, part) => sum + (part === undefined ? 0 : JSON.stringify(part).length),
    0,
  );
  return estimateTokens(characters);
}
