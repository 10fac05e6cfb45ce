import { setFlagsFromString } from 'node:v8';

/**
 * fetch parses HTTP with a WebAssembly module (llhttp), and so does the Bash parser (tree-sitter). V8 tiers
 * such modules up in the background, and a process cannot exit before that compilation ends: ~70 ms after
 * the last output of every `claw -p`. The baseline compiler is fast enough for both. Called before the first
 * request by every command that talks to the network or parses Bash (and not by those that do neither, since
 * loading node:v8 costs start-up time too).
 */
export function useBaselineWasmCompiler(): void {
  setFlagsFromString('--liftoff-only');
}
