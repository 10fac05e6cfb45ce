export { mcpApprovalsOf } from '@claw/runtime';

/** `npx -y server` or `http https://…`: what an entry runs or connects to, for one-line listings. */
export function mcpTarget(config: unknown): string {
  if (typeof config !== 'object' || config === null) return JSON.stringify(config) ?? '';
  const entry = config as { type?: unknown; command?: unknown; args?: unknown; url?: unknown };
  if (typeof entry.url === 'string')
    return `${typeof entry.type === 'string' ? entry.type : 'http'} ${entry.url}`;
  if (typeof entry.command === 'string') {
    const args = Array.isArray(entry.args) ? entry.args.map(String) : [];
    return [entry.command, ...args].join(' ');
  }
  return JSON.stringify(config) ?? '';
}
