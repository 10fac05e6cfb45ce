import type { CheckStatus } from '../reports/marks.js';
import type { CheckResult, DoctorContext } from './check.js';
import { checkHooks, checkSettingsFiles } from './config-check.js';
import { checkCredentials } from './credentials-check.js';
import { checkMcpServers } from './mcp-check.js';
import { checkProviderReachable } from './network-check.js';
import { checkNodeVersion } from './node-check.js';
import { checkSessionDir } from './session-dir-check.js';
import { checkGit, checkRipgrep, checkSandbox } from './tools-check.js';
import { checkWorkspaceTrust } from './trust-check.js';

export interface DoctorReport {
  ok: boolean;
  checks: CheckResult[];
  summary: Record<CheckStatus, number>;
}

/** A check that throws is itself a failed check: doctor must always finish and report. */
async function guarded(id: string, title: string, run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (error) {
    return { id, title, status: 'fail', message: `check crashed: ${(error as Error).message}` };
  }
}

/** Runs every check (independent ones in parallel) in a fixed display order. */
export async function runDoctor(
  ctx: DoctorContext,
  options: { network: boolean; timeoutMs: number },
): Promise<DoctorReport> {
  let hasCredential = false;
  const [credentials, sessions, mcp, sandbox, rg, git] = await Promise.all([
    guarded('credentials', 'Credentials', async () => {
      const outcome = await checkCredentials(ctx);
      hasCredential = outcome.present;
      return outcome.check;
    }),
    guarded('sessions', 'Session directory', () => checkSessionDir(ctx)),
    guarded('mcp', 'MCP servers', () => checkMcpServers(ctx)),
    guarded('sandbox', 'Sandbox', () => checkSandbox(ctx)),
    guarded('rg', 'ripgrep', () => checkRipgrep(ctx)),
    guarded('git', 'git', () => checkGit(ctx)),
  ]);
  const checks: CheckResult[] = [
    checkNodeVersion(),
    checkSettingsFiles(ctx),
    checkWorkspaceTrust(ctx),
    credentials,
    sessions,
    mcp,
    checkHooks(ctx),
    sandbox,
    rg,
    git,
  ];
  if (options.network) {
    checks.push(
      await guarded('network', 'Provider reachable', () =>
        checkProviderReachable({ ...ctx, hasCredential, timeoutMs: options.timeoutMs }),
      ),
    );
  }
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const check of checks) summary[check.status] += 1;
  return { ok: summary.fail === 0, checks, summary };
}
