import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type CheckResult, type DoctorContext, result } from './check.js';

function findOnPath(command: string, path: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, command + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not in this directory; keep looking.
      }
    }
  }
  return undefined;
}

/** First line of `<binary> --version`, or undefined if it does not answer within a second. */
function versionOf(binary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { timeout: 1_000 }, (error, stdout) => {
      resolve(error ? undefined : stdout.split('\n')[0]?.trim());
    });
  });
}

/** ripgrep makes Grep fast; without it a built-in engine gives the same results, slower. */
export async function checkRipgrep(ctx: DoctorContext): Promise<CheckResult> {
  const path = findOnPath('rg', ctx.env.PATH ?? '');
  if (!path)
    return result('rg', 'ripgrep', 'info', 'rg not on PATH — Grep uses its built-in engine (slower)');
  const version = await versionOf(path);
  return result('rg', 'ripgrep', 'info', `${version ?? 'rg'} at ${path}`);
}

/** git feeds the system prompt's branch/status lines; without it they are left out. */
export async function checkGit(ctx: DoctorContext): Promise<CheckResult> {
  const path = findOnPath('git', ctx.env.PATH ?? '');
  if (!path) return result('git', 'git', 'info', 'git not on PATH — the prompt omits branch and status');
  const version = await versionOf(path);
  return result('git', 'git', 'info', `${version ?? 'git'} at ${path}`);
}

/** The bubblewrap sandbox for Bash: a warning only when settings ask for it and it cannot run. */
export async function checkSandbox(ctx: DoctorContext): Promise<CheckResult> {
  const { detectSandbox } = await import('@claw/runtime');
  const detection = detectSandbox({ path: ctx.env.PATH ?? '' });
  const wanted = ctx.loaded.settings.sandbox?.enabled === true;
  if (detection.available) {
    return result(
      'sandbox',
      'Sandbox',
      wanted ? 'pass' : 'info',
      `bubblewrap available${wanted ? ' and enabled' : ' (sandbox.enabled is off)'}: ${detection.reason}`,
    );
  }
  return result(
    'sandbox',
    'Sandbox',
    wanted ? 'warn' : 'info',
    `not available: ${detection.reason}${wanted ? ' — sandbox.enabled is set, Bash will run unsandboxed or refuse' : ''}`,
  );
}
