// Renders `claw --help` through oclif once, at build time, for the 80-column width oclif uses whenever
// stdout is not a terminal; bin/run.js prints it without loading oclif (src/root-help.ts). The version
// line depends on the Node that runs claw, so it is stored as a placeholder.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const env = { ...process.env };
delete env.OCLIF_COLUMNS;
const script = `import('@oclif/core').then(({ execute }) => execute({ dir: ${JSON.stringify(new URL('../bin/run.js', import.meta.url).href)}, args: ['--help'] }))`;
const help = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
}).toString();
const userAgent = `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}`;
if (!help.includes(userAgent)) throw new Error(`write-root-help: no "${userAgent}" line in oclif's help`);
writeFileSync(new URL('../dist/root-help.txt', import.meta.url), help.replace(userAgent, '{{userAgent}}'));
