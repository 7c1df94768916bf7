#!/usr/bin/env node
// `npm run demo`: builds the CLI if needed, hunts the bundled example (examples/leaky-server)
// under constant HTTP load with fix verification, and prints the report a person reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestMtime(path.join(root, 'src'))) {
  console.log('Building the CLI…');
  const b = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(2);
}

const example = path.join(root, 'examples/leaky-server');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-hunter-demo-'));
const md = path.join(out, 'report.md');
const json = path.join(out, 'report.json');
const port = process.env.PORT || '47890';
const args = [cli, 'hunt', '--workload', `http://127.0.0.1:${port}/users/42`, '--rate', '100', '--verify-fix', '--out', path.join(out, 'snapshots'), '--md', md, '--json', json, '--', 'node', 'server.js'];
console.log(`$ leak-hunter ${args.slice(1).join(' ')}\n`);
const r = spawnSync(process.execPath, args, { cwd: example, stdio: 'inherit', env: { ...process.env, PORT: port } });
if (fs.existsSync(md)) {
  console.log('\n' + '─'.repeat(72) + '\n');
  console.log(fs.readFileSync(md, 'utf8'));
  console.log(`(report: ${md}, ${json})`);
}
// The hunt's own exit code says leak (1) / no leak (0) / inconclusive (3); the demo succeeded if it ran.
process.exit(r.status === 2 || r.status === null ? 2 : 0);
