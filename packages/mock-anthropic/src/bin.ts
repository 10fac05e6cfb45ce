import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type HandledRequest, startMockServer } from './server.js';

const USAGE = 'usage: claw-mock-anthropic [--port N] [--host H] [--record FILE] [--no-auth]';

function fail(message: string): never {
  process.stderr.write(`claw-mock-anthropic: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        record: { type: 'string' },
        'no-auth': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

function logLine(entry: HandledRequest): string {
  const scenario = entry.scenario === undefined ? '' : ` scenario=${entry.scenario} step=${entry.stepIndex}`;
  const outcome = entry.completed ? String(entry.status) : `${entry.status} (connection closed early)`;
  return `${entry.request.method} ${entry.request.url} ${outcome}${scenario} ${entry.durationMs}ms\n`;
}

async function main(): Promise<void> {
  const values = parseCommandLine();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0–65535, got "${values.port}"`);
  const recordFile = values.record;

  const server = await startMockServer({
    port,
    host: values.host,
    requireAuth: !values['no-auth'],
    onRequestHandled: (entry) => {
      process.stderr.write(logLine(entry));
      if (recordFile !== undefined) appendFileSync(recordFile, `${JSON.stringify(entry.request)}\n`);
      // Recorded requests stay in the log file; a long-running bin must not keep them all in memory.
      server.requests.length = 0;
    },
  });
  // The first stdout line is the contract with scripts that start the bin: they read the URL from it.
  process.stdout.write(`${server.url}\n`);

  const shutDown = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`claw-mock-anthropic: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

main().catch((error: unknown) => {
  process.stderr.write(`claw-mock-anthropic: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
