import { startMockServer, encodeScript } from '@claw/mock-anthropic';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
const mock = await startMockServer();
const ws = mkdtempSync('/tmp/clawx-');
for (const f of ['a','b','c']) writeFileSync(join(ws, f+'.txt'), f+' content\n');
const env = { PATH: process.env.PATH, HOME: ws, CLAW_CONFIG_HOME: ws+'/cfg', ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'sk-ant-test-key-0000', ...JSON.parse(process.env.XENV ?? '{}') };
if (process.env.XSETTINGS) { mkdirSync(ws+'/.claw', {recursive:true}); writeFileSync(ws+'/.claw/settings.json', process.env.XSETTINGS); }
const run = (args) => new Promise((res) => { const c = spawn('node', ['/work/main/apps/cli/bin/run.js', ...args], { cwd: ws, env }); let o='', e=''; c.stdout.on('data', d=>o+=d); c.stderr.on('data', d=>e+=d); c.stdin.end(); c.on('close', (code)=>{ console.log('code', code, '\nSTDOUT', o, '\nSTDERR', e); res(); }); });
let script = process.argv[2];
if (script.startsWith('[')) script = 'go ' + encodeScript(JSON.parse(script));
await run(['-p', script, '--output-format', process.env.XFMT ?? 'json', ...process.argv.slice(3)]);
const dir = join(ws, '.claw/sessions');
for (const f of readdirSync(dir)) console.log(f, readFileSync(join(dir, f), 'utf8'));
console.log(JSON.stringify(mock.requests.filter(r=>r.path==='/v1/messages').map(r=>r.body.messages), null, 0).slice(0, 3000));
await mock.close();
