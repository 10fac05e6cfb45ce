#!/usr/bin/env node
// Start-up is a feature: `claw --version` must not pay for loading oclif, and neither must the commands
// people start most (print mode, the REPL, doctor). This file answers the cheapest requests itself, sends
// those commands to the fast path, and hands everything else (help, subcommands) to oclif.
import { routeArgv } from '../dist/argv-router.js';

/** How long a finished run may wait for stray handles before it exits anyway. */
const LINGER_MS = 2000;

const routed = routeArgv(process.argv.slice(2));
if (routed.kind === 'version') {
  const { printVersion } = await import('../dist/version-info.js');
  printVersion(routed.json);
} else if (routed.kind === 'root-help' && (await import('../dist/root-help.js')).printCachedRootHelp()) {
  // Printed from the build-time copy.
} else if (routed.kind === 'usage-error') {
  const { reportUsageError } = await import('../dist/usage-error.js');
  process.exitCode = reportUsageError(routed.message, routed.json);
} else if (routed.kind === 'fast') {
  const { runFastPath } = await import('../bundle/fast-path.js');
  const code = await runFastPath(routed.command, routed.args);
  if (code !== 0) process.exitCode = code;
  // The session is closed and the output written: a handle something leaked (a proxy agent reconnecting
  // forever, a child that ignores its pipes closing) must not keep a finished run from exiting.
  setTimeout(() => process.exit(), LINGER_MS).unref();
} else {
  const { installStdoutGuard } = await import('../dist/stdout-guard.js');
  installStdoutGuard();
  const { useBaselineWasmCompiler } = await import('../dist/wasm-tiering.js');
  useBaselineWasmCompiler();
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url, args: routed.kind === 'root-help' ? ['--help'] : routed.args });
}
