import type { GlobalFlags } from './base-command.js';
import { usageError } from './cli-error.js';
import type { DOCTOR_FLAG_SPECS } from './flag-specs.js';
import type { PrintFlags } from './print/run-print.js';

/**
 * The bodies of the commands claw starts most often — print mode, the REPL and doctor — free of oclif, so
 * the start-up fast path (fast-path.ts) and the oclif command classes run the very same code.
 * Each returns the process exit code.
 */

function checkResumeFlags(flags: GlobalFlags): void {
  if (flags.continue && flags.resume) throw usageError('Use either --continue or --resume, not both.');
}

export async function runPromptCommand(prompt: string | undefined, flags: PrintFlags): Promise<number> {
  checkResumeFlags(flags);
  (await import('./wasm-tiering.js')).useBaselineWasmCompiler();
  const { runPrintMode } = await import('./print/run-print.js');
  return runPrintMode({ prompt, flags });
}

export async function runReplCommand(flags: GlobalFlags): Promise<number> {
  checkResumeFlags(flags);
  if (!process.stdin.isTTY) {
    throw usageError('The REPL needs a terminal on stdin.', 'Pipe a prompt instead: echo "…" | claw -p');
  }
  (await import('./wasm-tiering.js')).useBaselineWasmCompiler();
  // The REPL's modules load only here, so `claw --help` never pays for them.
  const { startRepl } = await import('./repl/start-repl.js');
  await startRepl(flags);
  return 0;
}

export type DoctorFlags = GlobalFlags & {
  [K in keyof typeof DOCTOR_FLAG_SPECS]: K extends 'timeout' ? number : boolean;
};

export async function runDoctorCommand(flags: DoctorFlags): Promise<number> {
  if (flags.network) (await import('./wasm-tiering.js')).useBaselineWasmCompiler();
  const [
    { loadSettings },
    { runDoctor },
    { renderDoctorReport },
    { markStyleFor },
    { configHomeFrom, workspaceFrom },
  ] = await Promise.all([
    import('@claw/runtime'),
    import('./doctor/run-doctor.js'),
    import('./doctor/render-doctor.js'),
    import('./reports/marks.js'),
    import('./engine-options.js'),
  ]);
  const workspaceRoot = workspaceFrom(flags);
  const configHome = configHomeFrom(process.env);
  const loaded = await loadSettings({
    workspaceRoot,
    configHome,
    ...(flags.model ? { flagOverrides: { model: flags.model } } : {}),
  });
  const report = await runDoctor(
    { workspaceRoot, configHome, env: process.env, loaded },
    { network: flags.network, timeoutMs: flags.timeout * 1000 },
  );
  if ((flags['output-format'] ?? 'text') !== 'text') {
    process.stdout.write(`${JSON.stringify({ type: 'doctor', ...report })}\n`);
  } else {
    process.stdout.write(renderDoctorReport(report, markStyleFor(flags), flags.verbose));
  }
  // The report is already printed; a failed check only sets the exit code (no second error message).
  return report.ok ? 0 : 1;
}
