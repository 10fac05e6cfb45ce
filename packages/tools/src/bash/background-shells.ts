import type { ToolSessionState } from '../tool.js';
import type { RunningShell, ShellExit } from './shell-process.js';

export interface BackgroundShell {
  id: string;
  command: string;
  shell: RunningShell;
  startedAt: number;
  exit?: ShellExit;
}

interface BackgroundShellRegistry {
  nextId: number;
  shells: Map<string, BackgroundShell>;
}

/** Key of the background-shell registry in `ToolSessionState.extra`. */
export const BACKGROUND_SHELLS_KEY = 'claw.tools.backgroundShells';

function registry(state: ToolSessionState): BackgroundShellRegistry {
  const existing = state.extra.get(BACKGROUND_SHELLS_KEY) as BackgroundShellRegistry | undefined;
  if (existing) return existing;
  const created: BackgroundShellRegistry = { nextId: 1, shells: new Map() };
  state.extra.set(BACKGROUND_SHELLS_KEY, created);
  return created;
}

export function registerBackgroundShell(
  state: ToolSessionState,
  command: string,
  shell: RunningShell,
): BackgroundShell {
  const shells = registry(state);
  const entry: BackgroundShell = { id: `shell_${shells.nextId++}`, command, shell, startedAt: Date.now() };
  shells.shells.set(entry.id, entry);
  void shell.exited.then((exit) => {
    entry.exit = exit;
  });
  return entry;
}

export function findBackgroundShell(state: ToolSessionState, id: string): BackgroundShell | undefined {
  return registry(state).shells.get(id);
}

export function listBackgroundShells(state: ToolSessionState): BackgroundShell[] {
  return [...registry(state).shells.values()];
}

/** Kills every background shell of a session; the runtime calls it when the session ends. */
export async function killAllBackgroundShells(state: ToolSessionState): Promise<void> {
  const shells = listBackgroundShells(state).filter((entry) => entry.shell.running);
  for (const entry of shells) entry.shell.kill();
  await Promise.all(shells.map((entry) => entry.shell.exited));
}
