import { usageError } from './cli-error.js';
import { reportCommandError } from './report-error.js';

/** Prints a usage error the way every claw command does and returns the exit code (2). */
export function reportUsageError(message: string, json: boolean): number {
  return reportCommandError(usageError(message), json);
}
