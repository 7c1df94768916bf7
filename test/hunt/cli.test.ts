/** The CLI as a user runs it: exit codes, the JSON contract, and clear errors that keep what was captured. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const apps = path.join(root, 'test/fixtures/apps');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lh-cli-'));

test('a leaking app: exit 1, a contract JSON report, Markdown and SARIF', () => {
  const dir = tmp();
  const r = cli(['hunt', '--quiet', '--out', dir, '--json', path.join(dir, 'r.json'), '--md', path.join(dir, 'r.md'), '--sarif', path.join(dir, 'r.sarif'), '--', 'node', 'app.js'], path.join(apps, 'append-only-array'));
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.verdict, 'leak');
  assert.ok(report.trend.samples.length > 20 && report.trend.ci95[0] > 0);
  assert.ok(report.snapshots.length >= 3 && report.snapshots.every((s: { file: string }) => fs.existsSync(s.file)));
  const top = report.suspects[0];
  assert.equal(top.archetype, 'growing-array');
  assert.ok(path.isAbsolute(top.root.location.file));
  assert.match(r.stdout, /app\.js:\d+/);
  assert.match(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), /## 3\. Root-cause fix/);
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'r.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].results[0].ruleId, 'leak/growing-array');
});

test('a program that is not node is refused with exit 2 and a hint', () => {
  const r = cli(['hunt', '--quiet', '--', 'python3', 'app.py']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not node/);
});

test('a bad workload is a usage error naming the accepted forms', () => {
  const r = cli(['hunt', '--workload', 'ftp://x', '--', 'node', 'app.js']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--workload must be none, an http\(s\):\/\/ URL/);
});

test('a target that exits part way: exit 2, its last output, and the samples kept in the report', () => {
  const dir = tmp();
  const r = cli(['hunt', '--quiet', '--out', dir, '--json', path.join(dir, 'r.json'), '--', 'node', 'exits-early.js'], path.join(apps, '_errors'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /exited \(code 3\)/);
  assert.match(r.stderr, /configuration missing/);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  assert.ok(report.trend.samples.length >= 3);
});
