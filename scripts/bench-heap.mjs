#!/usr/bin/env node
// npm run bench:heap — our heap engine against the anchors, in the same run, on generated
// snapshot pairs with a known leak (module-level Map of LeakyRecord grown between A and B).
//
// Env: SIZES="50 300 1000" (MB, or small/medium/large/xl=2000), REPS=1, ENGINES=ours,devtools,vscode,memlab,
//      OPS=parse,dominators,diff,path, BENCH_DIR=/tmp/leak-hunter-bench, TIMEOUT=900 (s per run).
// Snapshots, anchors (npm, pinned) and our bundled engine live in BENCH_DIR, never in the repo.
// Every measurement is a fresh `node` process; time is measured around the call, RSS is the
// process's peak (worker threads included).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOurs, ensureAnchors, ensurePair } from './bench-heap/setup.mjs';
import { printSize, printTargets } from './bench-heap/report.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = process.env.BENCH_DIR ?? '/tmp/leak-hunter-bench';
const NAMED = { small: 50, medium: 300, large: 1000, xl: 2000 };
const SIZES = (process.env.SIZES ?? '50 300 1000').split(/[\s,]+/).filter(Boolean).map(s => NAMED[s] ?? Number(s));
const REPS = Number(process.env.REPS ?? 1);
const ENGINES = (process.env.ENGINES ?? 'ours,devtools,vscode,memlab').split(',');
const OPS = (process.env.OPS ?? 'parse,dominators,diff,path').split(',');
const TIMEOUT = Number(process.env.TIMEOUT ?? 900) * 1000;
// @vscode/v8-heap-parser traps (wasm32 4 GiB) from ~1 GB on; memlab and DevTools need 4-7 GB there.
const MAX_MB = { vscode: Number(process.env.VSCODE_MAX_MB ?? 600), memlab: Number(process.env.MEMLAB_MAX_MB ?? 1100), devtools: Number(process.env.DEVTOOLS_MAX_MB ?? 1100) };

function runOne(engine, op, a, b, env) {
  return new Promise(resolve => {
    const args = ['--max-old-space-size=16384', path.join(repo, 'scripts/bench-heap/run-one.mjs'), engine, op, a];
    if (b) args.push(b);
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT);
    child.on('close', code => {
      clearTimeout(timer);
      const line = out.split('\n').find(l => l.startsWith('@@RESULT '));
      if (line) resolve(JSON.parse(line.slice(9)));
      else resolve({ engine, op, ok: false, error: code === null ? `timeout after ${TIMEOUT / 1000} s` : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}` });
    });
  });
}

async function main() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const anchorsDir = ENGINES.some(e => e === 'vscode' || e === 'memlab') ? ensureAnchors(BENCH_DIR) : path.join(BENCH_DIR, 'anchors');
  const oursBundle = await buildOurs(repo, BENCH_DIR);
  const env = { OURS_BUNDLE: oursBundle, ANCHORS_DIR: anchorsDir };
  const resultsFile = path.join(BENCH_DIR, 'results.jsonl');
  const all = [];
  const failed = new Set();
  console.log(`# Heap engine benchmark — ${new Date().toISOString()}, node ${process.version}, ${REPS} rep(s)`);
  console.log(`engines: ${ENGINES.join(', ')}; ops: ${OPS.join(', ')}; cache: ${BENCH_DIR}`);
  for (const mb of SIZES) {
    const pair = ensurePair(repo, BENCH_DIR, mb, oursBundle);
    if (pair.ensureB && OPS.some(op => op === 'diff' || op === 'path')) pair.ensureB();
    const sizeRows = [];
    for (let rep = 0; rep < REPS; rep++) {
      for (const op of OPS) {
        for (const engine of ENGINES) {
          if (failed.has(`${engine}/${op}`) || mb > (MAX_MB[engine] ?? Infinity)) continue;
          const b = op === 'diff' ? pair.b : undefined;
          const file = op === 'path' ? pair.b : pair.a;
          const r = await runOne(engine, op, file, b, env);
          const sizeOf = f => (fs.existsSync(f) ? fs.statSync(f).size / 1e6 : NaN);
          Object.assign(r, { sizeMB: mb, rep, fileMB: sizeOf(file), pairMB: sizeOf(pair.a) + sizeOf(pair.b) });
          process.stderr.write(`  ${mb} MB ${op.padEnd(10)} ${engine.padEnd(8)} ${r.ok ? (r.ms / 1000).toFixed(2) + ' s, ' + Math.round(r.maxRssMB) + ' MB' : 'FAILED ' + r.error}\n`);
          fs.appendFileSync(resultsFile, JSON.stringify(r) + '\n');
          if (!r.ok && !r.unsupported) failed.add(`${engine}/${op}`);
          sizeRows.push(r);
          all.push(r);
        }
      }
    }
    printSize(mb, pair, sizeRows);
  }
  printTargets(all);
  spawnSync('true');
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
