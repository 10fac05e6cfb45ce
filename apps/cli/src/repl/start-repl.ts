import { createCommandRegistry } from '@claw/commands';
import type { GlobalFlags } from '../base-command.js';
import { configHomeFrom, openEngine, workspaceFrom } from '../engine-options.js';
import { stdoutTerminal, styleFor } from '../render/terminal.js';
import { onTermination } from '../termination.js';
import { createCommandServices, customCommandSources } from './command-services.js';
import { historyPathFor, PromptHistory } from './history.js';
import { Keyboard } from './keyboard.js';
import { createLineReader } from './line-reader.js';
import { createTerminalPrompter } from './permission-prompter.js';
import { runReplLoop, type TurnControl } from './repl-loop.js';
import { askWorkspaceTrust } from './trust-prompt.js';

/**
 * Wires the REPL: keyboard, terminal prompter, engine (interactive, so permission questions come to us),
 * slash-command registry with custom commands, history, then the loop. Always restores the terminal.
 */
export async function startRepl(flags: GlobalFlags): Promise<void> {
  const workspaceRoot = workspaceFrom(flags);
  const configHome = configHomeFrom(process.env);
  const out = stdoutTerminal();
  const style = styleFor(out, process.env, flags['no-color']);
  const keyboard = new Keyboard(process.stdin, process.stdout);
  const control: TurnControl = {};
  const prompter = createTerminalPrompter({
    keyboard,
    style,
    write: (t) => out.write(t),
    columns: () => out.columns || 80,
    beforePrompt: () => control.renderer?.suspend(),
    afterPrompt: (answer) => {
      if (answer.decision === 'deny') control.renderer?.deniedByUser();
    },
    onInterrupt: () => control.controller?.abort(),
  });
  if (process.stdin.isTTY) {
    await askWorkspaceTrust({
      workspaceRoot,
      configHome,
      keyboard,
      write: (t) => out.write(t),
      columns: () => out.columns || 80,
    });
  }
  const engine = await openEngine(flags, { interactive: true, prompter });
  keyboard.start();
  // SIGTERM or SIGHUP: stop the turn, leave the prompt, restore the terminal and close the session.
  let terminated = false;
  const offTermination = onTermination((signal) => {
    terminated = true;
    control.quitting = true;
    control.controller?.abort(`stopped by ${signal}`);
    control.stopPrompt?.();
  });
  try {
    const roots = { workspaceRoot, configHome };
    await runReplLoop({
      engine,
      registry: createCommandRegistry({ customCommands: customCommandSources(engine, workspaceRoot) }),
      services: createCommandServices(
        roots,
        {
          print: (line) => out.write(`${line}\r\n`),
          readLine: createLineReader({
            keyboard,
            write: (t) => out.write(t),
            columns: () => out.columns || 80,
            onInterrupt: () => control.controller?.abort(),
          }),
        },
        engine,
      ),
      keyboard,
      out,
      style,
      history: new PromptHistory(historyPathFor(configHome, workspaceRoot)),
      workspaceRoot,
      configHome,
      control,
      verbose: Boolean(flags.verbose),
    });
  } finally {
    offTermination();
    keyboard.stop();
    // Claude Code's SessionEnd reasons: the person left the prompt (/exit, Ctrl-D), or something else ended it.
    await engine.close(terminated ? 'other' : 'prompt_input_exit');
  }
}
