import { BlockList, isIP } from 'node:net';

/**
 * Which private hosts WebFetch may reach anyway. `true` allows every one (tests against a local server); a
 * list names exact host names (`intranet.example`) and addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`).
 * A listed name may resolve to any address; any other name is still refused when one of its addresses is
 * private and outside the listed ranges. Names match exactly (no wildcards), so a listed name never lets a
 * look-alike (`intranet.example.attacker.test`) through.
 */
export interface PrivateHostAllowance {
  allowsName(hostname: string): boolean;
  allowsAddress(address: string): boolean;
}

const NONE: PrivateHostAllowance = { allowsName: () => false, allowsAddress: () => false };
const ALL: PrivateHostAllowance = { allowsName: () => true, allowsAddress: () => true };

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export type PrivateHostEntry =
  | { kind: 'name'; name: string }
  | { kind: 'range'; network: string; prefix: number; family: 'ipv4' | 'ipv6' };

function bare(host: string): string {
  return host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Parses one setting entry: a host name, an IP address, or a CIDR range; undefined when it is none. */
export function parsePrivateHostEntry(raw: string): PrivateHostEntry | undefined {
  const entry = bare(raw);
  const [address = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return undefined;
  const family = isIP(address);
  if (family !== 0) {
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) return undefined;
    return { kind: 'range', network: address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
  }
  if (prefixText !== undefined || !HOST_NAME.test(entry)) return undefined;
  return { kind: 'name', name: entry };
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is checked as the IPv4 address it stands for. */
function unmapped(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

export function privateHostAllowance(setting: boolean | readonly string[] | undefined): PrivateHostAllowance {
  if (setting === true) return ALL;
  if (!setting || setting.length === 0) return NONE;
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const raw of setting) {
    const entry = parsePrivateHostEntry(raw);
    // The settings schema rejects bad entries; one that gets here anyway allows nothing.
    if (!entry) continue;
    if (entry.kind === 'name') names.add(entry.name);
    else ranges.addSubnet(entry.network, entry.prefix, entry.family);
  }
  return {
    allowsName: (hostname) => names.has(bare(hostname)),
    allowsAddress: (address) => {
      const plain = unmapped(bare(address));
      const family = isIP(plain);
      if (family === 0) return false;
      return ranges.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
