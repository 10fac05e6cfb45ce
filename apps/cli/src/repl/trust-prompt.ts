import { basename } from 'node:path';
import type { Keyboard } from './keyboard.js';
import { createLineReader } from './line-reader.js';

export interface TrustPromptDeps {
  workspaceRoot: string;
  configHome: string;
  keyboard: Keyboard;
  write(text: string): void;
  columns(): number;
}

/**
 * Claude Code's "Do you trust the files in this folder?", asked before the session opens and only when it
 * matters: the workspace is untrusted and its settings files ask for something that needs trust. Yes records
 * trust (as `claw trust`); anything else continues without those keys, which the engine then lists as
 * warnings. Print mode never asks.
 */
export async function askWorkspaceTrust(deps: TrustPromptDeps): Promise<void> {
  const runtime = await import('@claw/runtime');
  const loaded = await runtime.loadSettings({
    workspaceRoot: deps.workspaceRoot,
    configHome: deps.configHome,
  });
  if (loaded.trust.trusted || loaded.trust.ignored.length === 0) return;

  const lines = [
    `The settings files in ${deps.workspaceRoot} ask for things claw only does in a folder you trust:`,
    ...loaded.trust.ignored.map((item) => `  ${item.key} (${basename(item.file)}): ${item.reason}`),
    'Only trust this folder if you trust the repository it came from.',
    '',
  ];
  deps.write(lines.join('\r\n'));
  const readLine = createLineReader({ keyboard: deps.keyboard, write: deps.write, columns: deps.columns });
  deps.keyboard.start();
  let answer: string | undefined;
  try {
    answer = await readLine('Trust this folder? [y] trust and continue, [N] continue without them: ');
  } finally {
    // The REPL starts the keyboard again once the engine is open; a failure to open must leave the terminal as it was.
    deps.keyboard.stop();
  }
  if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) {
    const outcome = await runtime.trustWorkspace(deps.configHome, deps.workspaceRoot);
    deps.write(`Trusted ${outcome.path}.\r\n`);
  } else {
    deps.write('Continuing without them (run `claw trust` to trust this folder later).\r\n');
  }
}
