#!/usr/bin/env node
// `npm test`: sets up what this machine lacks (code-server in a cache folder, Chromium via
// apt-get on Debian), then lint → type check → build → unit → webview in a real browser →
// integration inside a real VS Code. Every stage runs even when one fails, so one run shows
// everything that is wrong; the exit code is non-zero if any stage failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.env.LEAK_HUNTER_TEST_STAGES?.split(',');
const electron = process.env.LEAK_HUNTER_VSCODE === 'electron';

/** Runs a command, streaming its output, and returns {code, output}. */
function run(cmd, args) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const tee = stream => d => {
      output += d;
      stream.write(d);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', code => resolve({ code: code ?? 1, output }));
  });
}

/** Test counts a stage printed: node's runner (ℹ pass/ℹ fail) or a plain "N passed, M failed". */
function counts(output) {
  const pass = /ℹ pass (\d+)/.exec(output);
  const fail = /ℹ fail (\d+)/.exec(output);
  if (pass && fail) return { passed: Number(pass[1]), failed: Number(fail[1]) };
  const plain = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  return plain ? { passed: Number(plain[1]), failed: Number(plain[2]) } : undefined;
}

const npx = path.join(root, 'node_modules', '.bin');
const stages = [
  !electron && { name: 'setup', cmd: 'bash', args: ['scripts/setup-code-server.sh'] },
  { name: 'lint', cmd: path.join(npx, 'eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'typecheck', cmd: path.join(npx, 'tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'typecheck-webview', cmd: path.join(npx, 'tsc'), args: ['-p', 'webview-ui/tsconfig.json'] },
  { name: 'typecheck-webview-tests', cmd: path.join(npx, 'tsc'), args: ['-p', 'webview-ui/tsconfig.test.json'] },
  { name: 'build', cmd: process.execPath, args: ['esbuild.config.mjs'] },
  { name: 'unit', cmd: process.execPath, args: ['scripts/run-unit.mjs'] },
  fs.existsSync(path.join(root, 'test/webview/runWebviewTest.mjs')) && { name: 'webview', cmd: process.execPath, args: ['test/webview/runWebviewTest.mjs'] },
  // The fixture corpus hunted end to end through the CLI, each leak's fix verified (~10 min).
  { name: 'hunt-corpus', cmd: process.execPath, args: ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/hunt/cli.test.ts', 'test/hunt/corpus.test.ts'] },
  { name: 'integration', cmd: process.execPath, args: ['test/integration/runTest.mjs'] },
].filter(s => s && (!only || only.includes(s.name)));

const results = [];
for (const stage of stages) {
  const t0 = Date.now();
  console.log(`\n━━ ${stage.name} ━━`);
  const { code, output } = await run(stage.cmd, stage.args);
  results.push({ ...stage, code, seconds: (Date.now() - t0) / 1000, tests: counts(output) });
  if (stage.name === 'setup' && code !== 0) {
    console.error('setup failed: the browser-based stages cannot run');
  }
}

console.log('\n━━ summary ━━');
let passed = 0;
let failed = 0;
for (const r of results) {
  const tests = r.tests ? ` (${r.tests.passed} passed, ${r.tests.failed} failed)` : '';
  console.log(`${r.code === 0 ? '✔' : '✖'} ${r.name.padEnd(18)} ${r.seconds.toFixed(1).padStart(6)} s${tests}`);
  if (r.tests) {
    passed += r.tests.passed;
    failed += r.tests.failed;
  }
  // A stage that failed without reporting tests (lint, type check, build) counts as one failure.
  if (r.code !== 0 && (!r.tests || r.tests.failed === 0)) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every(r => r.code === 0) ? 0 : 1);
