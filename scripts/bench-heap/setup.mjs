// Benchmark setup: pinned anchors (npm, outside the repo), our engine bundled with esbuild,
// and generated snapshot pairs cached by size.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const ANCHORS = ['@vscode/v8-heap-parser@0.1.0', '@memlab/core@2.0.5'];

/** Installs the npm anchors into BENCH_DIR/anchors once. */
export function ensureAnchors(benchDir) {
  const dir = path.join(benchDir, 'anchors');
  const have = ['@vscode/v8-heap-parser', '@memlab/core'].every(p => fs.existsSync(path.join(dir, 'node_modules', p, 'package.json')));
  if (have) return dir;
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"heap-anchors","private":true}\n');
  console.error(`installing anchors into ${dir} …`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...ANCHORS], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' },
  });
  return dir;
}

/** Bundles src/core/heap (and its worker script) as the CLI bundle does, into BENCH_DIR/ours. */
export async function buildOurs(repo, benchDir) {
  const esbuild = createRequire(path.join(repo, 'package.json'))('esbuild');
  const outdir = path.join(benchDir, 'ours');
  const entryPoints = { heap: path.join(repo, 'src/core/heap/index.ts') };
  const worker = path.join(repo, 'src/core/heap/parallel/heapEngineWorker.ts');
  if (fs.existsSync(worker)) entryPoints.heapEngineWorker = worker;
  await esbuild.build({ entryPoints, outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', absWorkingDir: repo });
  return path.join(outdir, 'heap.js');
}

// Units of the generator per MB of snapshot A (measured: ~1.4 KB per unit over a ~3.5 MB base).
const unitsFor = mb => Math.max(1000, Math.round(((mb - 3.5) * 1e6) / 1405));

/**
 * Generates (once) the pair for a size in MB; returns { a, b }. Above 1.5 GB V8 needs about
 * 5.5× the file in RAM to write the snapshot (11.4 GB for a real 2.16 GB one here); on a machine
 * with less than 16 GB those sizes are K copies of the 1 GB pair's graphs instead
 * (multiply-snapshot.mjs: a valid snapshot, ids shifted, copies hung off the root).
 */
export function ensurePair(repo, benchDir, mb, oursBundle) {
  const dir = path.join(benchDir, 'snapshots');
  const name = `pair-${mb}mb`;
  const a = path.join(dir, `${name}-A.heapsnapshot`);
  const b = path.join(dir, `${name}-B.heapsnapshot`);
  if (mb > 1500 && os.totalmem() < 16 * 2 ** 30) {
    const base = ensurePair(repo, benchDir, 1000, oursBundle);
    const copies = String(Math.round(mb / 1000));
    const multiply = (src, dst) => {
      if (fs.existsSync(dst)) return;
      console.error(`writing ${dst} (${copies} copies of ${path.basename(src)}) …`);
      execFileSync(process.execPath, ['--max-old-space-size=16384', path.join(repo, 'scripts/bench-heap/multiply-snapshot.mjs'), src, dst + '.tmp', copies], {
        stdio: 'inherit',
        env: { ...process.env, OURS_BUNDLE: oursBundle },
      });
      fs.renameSync(dst + '.tmp', dst);
    };
    multiply(base.a, a);
    return { a, b, meta: { ...base.meta, synthetic: `${copies} copies of the 1 GB pair` }, ensureB: () => multiply(base.b, b) };
  }
  if (!fs.existsSync(path.join(dir, `${name}.json`))) {
    console.error(`generating ${name} (${unitsFor(mb)} units) …`);
    execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=20000', path.join(repo, 'scripts/bench-heap/gen-pair.cjs'), dir, name, String(unitsFor(mb))], { stdio: 'inherit' });
  }
  return { a, b, meta: JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) };
}
