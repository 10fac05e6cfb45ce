// Records version and git sha at build time so `claw --version` never has to spawn git.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
let gitSha = null;
try {
  gitSha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  gitSha = null;
}
writeFileSync(
  new URL('../dist/build-info.json', import.meta.url),
  `${JSON.stringify({ version: pkg.version, gitSha, builtAt: new Date().toISOString() })}\n`,
);
