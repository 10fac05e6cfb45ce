import type { ToolCallRequest } from '../loop/tool-executor.js';
import { createBashAnalyzer } from '../permissions/bash/analyzer.js';
import { suggestBashRule } from '../permissions/bash-suggest.js';

// Kept apart from the authorizer, which needs @claw/tools: the runtime's index exports this, and whatever the
// index reaches statically is loaded by every command that imports the runtime (`claw doctor`, `status`).

/**
 * The rule "allow for the session" / "always allow" records for this call, or undefined when no rule is
 * safe to offer (a Bash line of several commands, or one that cannot be analysed): then only "allow once".
 */
export function suggestedRule(call: Pick<ToolCallRequest, 'tool' | 'subject'>): string | undefined {
  const name = call.tool.name;
  if (name === 'Bash') {
    // The program and its subcommand (`npm run:*`, `git diff:*`), as Claude Code suggests, taken from the
    // command a wrapper runs (`timeout 60 npm test` → `npm test:*`): a rule on the wrapper would allow anything.
    const analyzer = createBashAnalyzer();
    if (!call.subject || !analyzer.ready) return undefined;
    return suggestBashRule(analyzer.analyze(call.subject));
  }
  if (call.tool.name === 'WebFetch' && call.subject) {
    try {
      return `WebFetch(domain:${new URL(call.subject).hostname})`;
    } catch {
      return name;
    }
  }
  return name;
}
