import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { resolveLaunchArgs, workloadText } from './launchArgs';
import { configFromHunt, uniqueName } from './configFromHunt';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

test('launch.json attributes become the CLI-equivalent hunt options', () => {
  const r = resolveLaunchArgs({ program: 'server.js', cwd: '/srv/app', args: ['--port', '3000'], runtimeArgs: ['--import', 'tsx'], workload: 'http://127.0.0.1:3000/', rate: 50, timeBudget: 120, snapshots: 4, sampleInterval: 250, verifyFix: true, env: { A: '1' } });
  assert.deepEqual(r.options.target.kind === 'launch' && r.options.target.command, ['node', '--import', 'tsx', '/srv/app/server.js', '--port', '3000']);
  assert.equal(r.options.target.kind === 'launch' && r.options.target.cwd, '/srv/app');
  assert.equal(r.options.target.kind === 'launch' && r.options.target.env?.A, '1');
  assert.deepEqual(r.workload, { kind: 'http', url: 'http://127.0.0.1:3000/', rate: 50, method: 'GET', headers: {}, body: undefined });
  assert.deepEqual(r.options.verdict, { minDurationSec: 30, maxDurationSec: 120 });
  assert.equal(r.options.snapshots, 4);
  assert.equal(r.options.sampleIntervalMs, 250);
  assert.equal(r.options.verifyFix, true);
  assert.equal(r.label, 'server.js');
});

test('a short budget still samples at least 10 s before deciding; a cmd workload runs in cwd', () => {
  const r = resolveLaunchArgs({ program: '/a/app.js', timeBudget: 12, workload: 'cmd:npm run load', cwd: '/a' });
  assert.deepEqual(r.options.verdict, { minDurationSec: 10, maxDurationSec: 12 });
  assert.deepEqual(r.workload, { kind: 'cmd', command: 'npm run load', cwd: '/a' });
});

test('env null removes a variable from the inherited environment', () => {
  process.env.LH_TEST_REMOVE = 'x';
  const r = resolveLaunchArgs({ program: '/a/app.js', env: { LH_TEST_REMOVE: null } });
  assert.equal(r.options.target.kind === 'launch' && 'LH_TEST_REMOVE' in (r.options.target.env ?? {}), false);
});

test('bad attributes are refused with the attribute named', () => {
  assert.throws(() => resolveLaunchArgs({}), /"program" is required/);
  assert.throws(() => resolveLaunchArgs({ program: 'a.js', timeBudget: 2 }), /"timeBudget" must be a number between 10 and 7200/);
  assert.throws(() => resolveLaunchArgs({ program: 'a.js', snapshots: 2 }), /"snapshots"/);
  assert.throws(() => resolveLaunchArgs({ program: 'a.js', workload: 'ftp://x' }), /--workload must be none/);
  assert.throws(() => resolveLaunchArgs({ program: 'a.js', args: 'x' as never }), /"args" must be an array of strings/);
});

test('every attribute the adapter reads is contributed with a type, a default and a description', () => {
  const dbg = manifest.contributes.debuggers.find((d: { type: string }) => d.type === 'leak-hunt');
  assert.ok(dbg, 'the leak-hunt debugger is contributed');
  const props = dbg.configurationAttributes.launch.properties;
  const read = ['program', 'args', 'runtimeExecutable', 'runtimeArgs', 'cwd', 'env', 'workload', 'rate', 'timeBudget', 'snapshots', 'sampleInterval', 'verifyFix'];
  assert.deepEqual(Object.keys(props).sort(), read.sort());
  for (const [k, p] of Object.entries<Record<string, unknown>>(props)) assert.ok(p.type && 'default' in p && p.description, `${k} lacks type, default or description`);
  assert.deepEqual(dbg.configurationAttributes.launch.required, ['program']);
  for (const c of dbg.initialConfigurations) assert.doesNotThrow(() => resolveLaunchArgs({ ...c, program: c.program.replace('${workspaceFolder}', '/w') }));
});

test('workloads round-trip through the launch.json syntax', () => {
  for (const text of ['none', 'http://127.0.0.1:3000/x', 'cmd:npm run load', 'expr:handle({ id: 1 })']) {
    const w = resolveLaunchArgs({ program: '/a.js', workload: text, rate: 7 }).workload;
    assert.equal(workloadText(w).workload, text);
  }
});

test('an interactive hunt becomes a portable leak-hunt configuration with a free name', () => {
  const c = configFromHunt(
    { config: { type: 'pwa-node', program: '/w/src/app.js', args: ['--fast'], cwd: '/w', env: { DEBUG: '1' } }, workload: { kind: 'expr', expression: 'tick()', rate: 5 }, folder: '/w' },
    ['Leak Hunt: app.js'],
  );
  assert.deepEqual(c, {
    type: 'leak-hunt',
    request: 'launch',
    name: 'Leak Hunt: app.js (2)',
    program: '${workspaceFolder}/src/app.js',
    args: ['--fast'],
    env: { DEBUG: '1' },
    workload: 'expr:tick()',
    rate: 5,
  });
});

test('without a program in the configuration the debuggee argv is used; without either it says why', () => {
  const c = configFromHunt({ config: { type: 'node-terminal', command: 'npm start' }, argv: ['/usr/bin/node', '/w/server.js', '-p', '80'], folder: '/w' });
  assert.ok(!('error' in c));
  assert.equal(c.program, '${workspaceFolder}/server.js');
  assert.deepEqual(c.args, ['-p', '80']);
  assert.equal(c.workload, 'none');
  const e = configFromHunt({ config: { type: 'node-terminal', command: 'npm start' } });
  assert.ok('error' in e && /does not name a program/.test(e.error));
  assert.equal(uniqueName('x', ['x', 'x (2)']), 'x (3)');
});
