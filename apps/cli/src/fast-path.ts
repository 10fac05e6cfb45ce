import { config as zodConfig } from 'zod';
import { type FastCommand, wantsJson } from './argv-router.js';
import type { GlobalFlags } from './base-command.js';
import { parseArgv } from './fast-argv.js';
import { DOCTOR_FLAG_SPECS, GLOBAL_FLAG_SPECS, PROMPT_FLAG_SPECS } from './flag-specs.js';
import { type DoctorFlags, runDoctorCommand, runPromptCommand, runReplCommand } from './hot-commands.js';
import type { PrintFlags } from './print/run-print.js';
import { reportCommandError } from './report-error.js';
import { installStdoutGuard } from './stdout-guard.js';
import { installTerminationHandlers, terminationExitCode } from './termination.js';

/**
 * Runs print mode, the REPL or doctor without loading oclif (~80 ms of start-up, more than the rest of
 * `claw -p` together): flags are parsed from the same specs oclif's are built from, and the commands'
 * bodies are the ones the oclif classes call. Returns the exit code. scripts/bundle.mjs fails the build if
 * anything reachable from here imports oclif.
 */
export async function runFastPath(command: FastCommand, argv: string[]): Promise<number> {
  // zod compiles a specialised parser for each schema on its first use; a short-lived CLI validates a
  // few hundred values, so the plain interpreter is faster overall (~6 ms off every `claw -p`).
  zodConfig({ jitless: true });
  installStdoutGuard();
  if (command !== 'doctor') installTerminationHandlers();
  try {
    switch (command) {
      case 'prompt': {
        const { flags, positionals } = parseArgv(
          argv,
          { ...GLOBAL_FLAG_SPECS, ...PROMPT_FLAG_SPECS },
          { maxPositionals: 1 },
        );
        return await runPromptCommand(positionals[0], flags as PrintFlags);
      }
      case 'repl': {
        const { flags } = parseArgv(argv, GLOBAL_FLAG_SPECS, { maxPositionals: 0 });
        return await runReplCommand(flags as GlobalFlags);
      }
      case 'doctor': {
        const { flags } = parseArgv(
          argv,
          { ...GLOBAL_FLAG_SPECS, ...DOCTOR_FLAG_SPECS },
          { maxPositionals: 0 },
        );
        return await runDoctorCommand(flags as DoctorFlags);
      }
    }
  } catch (error) {
    // Stopped by SIGTERM/SIGHUP: the abort is not an error worth reporting.
    const terminated = terminationExitCode();
    if (terminated !== undefined) return terminated;
    return reportCommandError(error instanceof Error ? error : new Error(String(error)), wantsJson(argv));
  }
}
