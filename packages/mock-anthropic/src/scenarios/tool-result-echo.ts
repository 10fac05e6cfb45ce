import { latestToolResults } from '../conversation/view.js';
import type { MockStep, StepContext } from './step.js';

/**
 * Quotes every tool result of the latest tool-result message, so tests can assert that a tool's output made
 * the round trip through the client and back to the model. Errors (denials, bad input) are labelled.
 */
export function describeLatestToolResults(context: StepContext): string {
  const results = latestToolResults(context.conversation);
  if (results.length === 0) return '(no tool result received)';
  return results
    .map((result) => (result.isError ? `[error] ${result.content}` : result.content))
    .join('\n---\n');
}

/** A final step whose text is `prefix` followed by the quoted tool results. */
export function echoToolResults(prefix: string): (context: StepContext) => MockStep {
  return (context) => ({ text: `${prefix}\n${describeLatestToolResults(context)}`, stopReason: 'end_turn' });
}
