import { type CheckResult, result } from './check.js';

/** The oldest Node major claw supports (package.json engines); older ones lack APIs the runtime uses. */
export const MIN_NODE_MAJOR = 20;

export function checkNodeVersion(version: string = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  return major >= MIN_NODE_MAJOR
    ? result('node', 'Node.js', 'pass', `v${version}`)
    : result('node', 'Node.js', 'fail', `v${version} is too old: claw needs Node ${MIN_NODE_MAJOR} or newer`);
}
