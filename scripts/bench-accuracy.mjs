#!/usr/bin/env node
// `npm run bench:accuracy`: hunts every app of the held-out set (test/fixtures/holdout, never used
// by tests) with the built CLI, as a user would, two at a time, and prints verdict accuracy,
// root-line accuracy, archetype accuracy, the rate at which the suggested fix plateaus, and
// the median hunt time. `--set apps` scores the test corpus instead; `--no-verify` skips fixes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const set = opt('set', 'holdout');
const concurrency = Number(opt('concurrency', '2'));
const verify = !argv.includes('--no-verify');
const only = opt('only', '');
const setDir = path.join(root, 'test/fixtures', set);
const cli = path.join(root, 'dist/cli.js');

if (!fs.existsSync(cli) || argv.includes('--build')) {
  console.log('building the CLI…');
  const b = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(2);
}

const marked = (file, marker) =>
  fs.readFileSync(file, 'utf8').split('\n').flatMap((l, i) => (l.includes(`truth:${marker}`) ? [i + 1] : []));

const apps = fs
  .readdirSync(setDir, { withFileTypes: true })
  .filter(d => d.isDirectory() && fs.existsSync(path.join(setDir, d.name, 'truth.json')) && (!only || only.split(',').includes(d.name)))
  .map(d => {
    const dir = path.join(setDir, d.name);
    const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
    const file = path.join(dir, truth.file);
    return { name: d.name, dir, truth, file, lines: new Set([...marked(file, 'root'), ...marked(file, 'growth')]) };
  });

const out = fs.mkdtempSync(path.join(os.tmpdir(), `leak-hunter-bench-${set}-`));

function hunt(app) {
  const json = path.join(out, `${app.name}.json`);
  const args = [cli, 'hunt', '--quiet', '--out', path.join(out, app.name), '--json', json];
  if (verify && app.truth.verdict === 'leak') args.push('--verify-fix');
  if (app.truth.workload) args.push('--workload', app.truth.workload, '--rate', String(app.truth.rate ?? 20));
  args.push('--', 'node', ...app.truth.args);
  const t0 = Date.now();
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { cwd: app.dir, env: { ...process.env, ...app.truth.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', d => (stderr += d));
    child.stdout.resume();
    child.on('close', code => {
      const wall = (Date.now() - t0) / 1000;
      let report;
      try {
        report = JSON.parse(fs.readFileSync(json, 'utf8'));
      } catch {
        report = undefined;
      }
      resolve({ app, code, wall, report, stderr: stderr.trim().split('\n').slice(-3).join(' | ') });
    });
  });
}

function score(r) {
  const { app, report } = r;
  const s = { name: app.name, want: app.truth.verdict, got: report?.verdict ?? `error(${r.code})` };
  s.verdictOk = s.got === s.want;
  const verifySec = report?.verify?.samples?.length ? report.verify.samples.at(-1).t + 1 : 0;
  s.huntSec = report ? Math.max(0, r.wall - verifySec) : r.wall;
  if (app.truth.verdict !== 'leak') return s;
  const top = report?.suspects?.[0];
  const loc = top?.root?.location;
  s.root = loc ? `${path.basename(loc.file)}:${loc.line}` : '-';
  s.rootOk = !!loc && path.resolve(loc.file) === path.resolve(app.file) && app.lines.has(loc.line);
  s.archetype = top?.archetype ?? '-';
  s.archetypeOk = top?.archetype === app.truth.archetype;
  s.fix = top?.fix?.kind ?? '-';
  s.after = report?.verify?.verdict ?? '-';
  s.plateauOk = report?.verify?.verdict === 'no-leak';
  return s;
}

const results = [];
const queue = [...apps];
console.log(`hunting ${apps.length} ${set} apps, ${concurrency} at a time${verify ? ', verifying fixes' : ''} (reports in ${out})`);
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let app = queue.shift(); app; app = queue.shift()) {
      const r = await hunt(app);
      const s = score(r);
      results.push(s);
      const mark = ok => (ok === undefined ? ' ' : ok ? '✔' : '✖');
      console.log(
        `${mark(s.verdictOk)} ${s.name.padEnd(24)} ${s.got.padEnd(13)} want ${s.want.padEnd(8)}` +
          (s.want === 'leak' ? ` root ${mark(s.rootOk)} ${String(s.root).padEnd(12)} arch ${mark(s.archetypeOk)} ${s.archetype.padEnd(20)} fix ${s.fix.padEnd(17)} after ${mark(s.plateauOk)} ${s.after}` : '') +
          `  ${s.huntSec.toFixed(1)} s${r.code === 2 ? `  (${r.stderr})` : ''}`,
      );
    }
  }),
);

const leaks = results.filter(s => s.want === 'leak');
const pct = (xs, key) => (xs.length ? `${((100 * xs.filter(x => x[key]).length) / xs.length).toFixed(0)}% (${xs.filter(x => x[key]).length}/${xs.length})` : 'n/a');
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
console.log('');
console.log(`set                  ${set} (${results.length} apps: ${leaks.length} leaks, ${results.length - leaks.length} plateaus)`);
console.log(`verdict accuracy     ${pct(results, 'verdictOk')}`);
console.log(`root-line accuracy   ${pct(leaks, 'rootOk')}`);
console.log(`archetype accuracy   ${pct(leaks, 'archetypeOk')}`);
console.log(`fix-plateau rate     ${verify ? pct(leaks, 'plateauOk') : 'not run (--no-verify)'}`);
console.log(`median hunt time     ${median(results.map(s => s.huntSec)).toFixed(1)} s (leaks ${median(leaks.map(s => s.huntSec)).toFixed(1)} s, plateaus ${median(results.filter(s => s.want !== 'leak').map(s => s.huntSec)).toFixed(1)} s; excludes fix verification)`);
