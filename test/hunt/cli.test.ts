/** The CLI as a user runs it: exit codes, the JSON contract, and clear errors that keep what was captured. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const apps = path.join(root, 'test/fixtures/apps');

function cli(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** True while `pid` runs; a zombie (dead, not yet reaped by a container's init) does not count. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
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

test('a cmd: workload drives an HTTP leak, and its process group is stopped when the hunt ends', () => {
  const dir = tmp();
  const pidFile = path.join(dir, 'load.pid');
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const load = `cmd:node ${JSON.stringify(path.join(apps, '_errors', 'load-loop.js'))}`;
  const r = cli(['hunt', '--quiet', '--out', dir, '--json', path.join(dir, 'r.json'), '--workload', load, '--', 'node', 'app.js'], path.join(apps, 'http-leak'), { PORT: port, LOAD_PID_FILE: pidFile });
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  assert.equal(report.suspects[0].root.name, 'recentRequests');
  assert.ok(!(report.warnings ?? []).some((w: string) => /workload never succeeded/.test(w)), report.warnings?.join('\n'));
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  assert.ok(!running(pid), `the load command (pid ${pid}) outlived the hunt`);
});

test('a target near its heap limit is not snapshotted: exit 2, what to do, and the samples kept', () => {
  const dir = tmp();
  const r = cli(['hunt', '--quiet', '--out', dir, '--json', path.join(dir, 'r.json'), '--', 'node', '--max-old-space-size=400', 'near-heap-limit.js'], path.join(apps, '_errors'));
  assert.equal(r.code, 2, r.stderr + r.stdout);
  assert.match(r.stderr, /heap limit: .*Restart it with a larger --max-old-space-size/);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  assert.ok(report.trend.samples.length >= 10, `${report.trend.samples.length} samples`);
  assert.equal(report.snapshots.length, 0);
});
