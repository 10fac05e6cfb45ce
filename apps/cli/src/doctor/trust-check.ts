import { type CheckResult, type DoctorContext, result } from './check.js';

/**
 * Workspace trust: settings files a repository ships only restrict claw until the workspace is trusted
 * (`claw trust`). Untrusted with nothing ignored is fine; keys that were ignored warn (never fail: safe is
 * the intended state of a fresh clone), each named with its file.
 */
export function checkWorkspaceTrust(ctx: DoctorContext): CheckResult {
  const { trust } = ctx.loaded;
  const details = [
    ...(trust.warning ? [trust.warning] : []),
    ...trust.ignored.map((item) => `${item.file}: ${item.key} ignored (it ${item.reason})`),
  ];
  if (trust.source === 'env') {
    return result(
      'trust',
      'Workspace trust',
      'pass',
      'trusted for this run (CLAW_TRUST_WORKSPACE=1)',
      details,
    );
  }
  if (trust.trusted) {
    return result('trust', 'Workspace trust', 'pass', `trusted (recorded for ${trust.trustedPath})`, details);
  }
  if (trust.ignored.length > 0) {
    const n = trust.ignored.length;
    return result(
      'trust',
      'Workspace trust',
      'warn',
      `not trusted: ${n} project setting${n === 1 ? '' : 's'} ignored — run \`claw trust\` to honour ${n === 1 ? 'it' : 'them'}`,
      details,
    );
  }
  return result(
    'trust',
    'Workspace trust',
    trust.warning ? 'warn' : 'info',
    'not trusted (project settings ask for nothing that needs trust)',
    details,
  );
}
