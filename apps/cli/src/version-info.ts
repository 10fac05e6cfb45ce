import { readFileSync } from 'node:fs';

interface BuildInfo {
  version: string;
  gitSha: string | null;
  builtAt: string;
}

export function readBuildInfo(): BuildInfo {
  try {
    return JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8')) as BuildInfo;
  } catch {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return { version: pkg.version, gitSha: null, builtAt: '' };
  }
}

export function printVersion(json: boolean): void {
  const info = readBuildInfo();
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ version: info.version, gitSha: info.gitSha, node: process.version, platform: `${process.platform}-${process.arch}` })}\n`,
    );
  } else {
    process.stdout.write(`claw ${info.version}\n`);
  }
}
