import type { LoadedSettings } from '@claw/runtime';
import type { CheckStatus } from '../reports/marks.js';

/** One line of `claw doctor`: a stable `id` for scripts, a message a user can act on. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  /** Extra lines (one per file, entry or issue). */
  details?: string[];
}

/** What every check may read; checks never print and never throw for an expected problem. */
export interface DoctorContext {
  workspaceRoot: string;
  configHome: string;
  env: NodeJS.ProcessEnv;
  loaded: LoadedSettings;
}

export function result(
  id: string,
  title: string,
  status: CheckStatus,
  message: string,
  details?: string[],
): CheckResult {
  return details && details.length > 0
    ? { id, title, status, message, details }
    : { id, title, status, message };
}
