import { randomBytes } from 'node:crypto';

/**
 * Session ids sort by creation time (`20261124-114600-ab12cd`: UTC date, time, 6 random hex chars), so a
 * directory listing is already in order and `latest` is cheap.
 */
export function newSessionId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2026-11-24T11:46:00.000Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `${date}-${time}-${randomBytes(3).toString('hex')}`;
}

/**
 * Ids become file names, so anything that could leave the sessions directory (`/`, `\`, `..`, NUL, a leading
 * dot or dash) is refused. Ids from other tools (UUIDs) are allowed.
 */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isValidSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}
