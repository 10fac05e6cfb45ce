import { randomBytes } from 'node:crypto';
import { stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type CheckResult, type DoctorContext, result } from './check.js';

async function kindOf(path: string): Promise<'directory' | 'other' | 'missing'> {
  return stat(path).then(
    (info) => (info.isDirectory() ? 'directory' : 'other'),
    () => 'missing',
  );
}

/**
 * `.claw/sessions` must be writable for any session to be saved. Writing (and removing) a probe file is the
 * only reliable test (permissions, read-only mounts, ACLs). When the directory does not exist yet, the nearest
 * existing ancestor is probed instead, so doctor never creates directories in the user's tree.
 */
export async function checkSessionDir(ctx: DoctorContext): Promise<CheckResult> {
  const sessionsDir = join(ctx.workspaceRoot, '.claw', 'sessions');
  let probeDir = sessionsDir;
  for (let kind = await kindOf(probeDir); kind !== 'directory'; kind = await kindOf(probeDir)) {
    if (kind === 'other') {
      // A file where a directory must go (`.claw` as a file) blocks every session write.
      return result('sessions', 'Session directory', 'fail', `${probeDir} is not a directory`);
    }
    const parent = dirname(probeDir);
    if (parent === probeDir) break;
    probeDir = parent;
  }
  const probe = join(probeDir, `.claw-doctor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
    await unlink(probe);
  } catch (error) {
    return result(
      'sessions',
      'Session directory',
      'fail',
      `${sessionsDir} is not writable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const exists = probeDir === sessionsDir;
  return result(
    'sessions',
    'Session directory',
    'pass',
    exists ? `${sessionsDir} is writable` : `${sessionsDir} will be created on first use (parent writable)`,
  );
}
