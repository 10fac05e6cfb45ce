import { readFileSync } from 'node:fs';

/** The width oclif renders help for when stdout is not a terminal (and an 80-column terminal gets too). */
const CACHED_WIDTH = 80;

/**
 * Prints `claw --help` from the copy oclif rendered at build time (scripts/write-root-help.mjs) when this
 * terminal would get the very same text, which saves loading oclif. Returns false when oclif must render
 * it: another width, OCLIF_COLUMNS set, or no cached copy.
 */
export function printCachedRootHelp(): boolean {
  if (process.env.OCLIF_COLUMNS) return false;
  if (process.stdout.isTTY && process.stdout.columns !== CACHED_WIDTH) return false;
  let text: string;
  let pkg: { name: string; version: string };
  try {
    text = readFileSync(new URL('./root-help.txt', import.meta.url), 'utf8');
    pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  } catch {
    return false;
  }
  const userAgent = `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}`;
  process.stdout.write(text.replace('{{userAgent}}', userAgent));
  return true;
}
