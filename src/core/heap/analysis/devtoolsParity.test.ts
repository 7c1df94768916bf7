import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { computeDistances, loadSnapshot, summarize, type SnapshotSummary } from '../index';

// Cross-check against Chrome DevTools' own heap snapshot worker (devDependency, bundled on
// first use by scripts/bench-heap/devtools-anchor.mjs): counts, total size and per-class
// retained sizes must be identical. DevTools splits plain `Object`s by shape ("{a, b}"), which
// we do not, so those rows are left out of the class comparison.
interface DevToolsSummary {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  classes: { name: string; count: number; retainedSize: number }[];
}
interface Anchor {
  loadWithDevTools(file: string): Promise<unknown>;
  devtoolsSummary(s: unknown): DevToolsSummary;
}

const repo = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repo, 'test/fixtures/snapshots');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-parity-'));

function gunzipTo(src: string): string {
  const out = path.join(tmp, path.basename(src, '.gz'));
  fs.writeFileSync(out, zlib.gunzipSync(fs.readFileSync(src)));
  return out;
}

async function compare(file: string): Promise<{ ours: SnapshotSummary; dt: DevToolsSummary; compared: number }> {
  const anchor = (await import(pathToFileURL(path.join(repo, 'scripts/bench-heap/devtools-anchor.mjs')).href)) as Anchor;
  const snapshot = (await anchor.loadWithDevTools(file)) as { nodeDistances: Int32Array };
  const dt = anchor.devtoolsSummary(snapshot);
  const analyzed = await loadSnapshot(file);
  const ours = summarize(analyzed, Infinity);
  const distances = computeDistances(analyzed);
  let distanceMismatches = 0;
  for (let i = 0; i < distances.length; i++) if (distances[i] !== snapshot.nodeDistances[i]) distanceMismatches++;
  assert.equal(distanceMismatches, 0, 'nodes whose BFS distance differs from DevTools');
  assert.equal(ours.nodeCount, dt.nodeCount, 'node count');
  assert.equal(ours.edgeCount, dt.edgeCount, 'edge count');
  assert.equal(ours.totalSize, dt.totalSize, 'total size');
  const byName = new Map(ours.topClasses.map(c => [c.className, c]));
  let compared = 0;
  for (const c of dt.classes.slice(0, 40)) {
    if (c.name === 'Object' || c.name.startsWith('{')) continue;
    const mine = byName.get(c.name);
    assert.ok(mine, `class ${c.name} missing`);
    assert.equal(mine.retainedSize, c.retainedSize, `retained size of ${c.name}`);
    assert.equal(mine.count, c.count, `count of ${c.name}`);
    compared++;
  }
  return { ours, dt, compared };
}

describe('agreement with Chrome DevTools heap snapshot worker', () => {
  let generated = '';
  before(() => {
    generated = path.join(tmp, 'mixed.heapsnapshot');
    execFileSync(process.execPath, [path.join(fixtures, 'mixed-heap.js'), generated, '20000'], { stdio: 'ignore' });
  });

  it('committed fixture snapshot: counts, total size, top classes retained sizes', async () => {
    const { compared } = await compare(gunzipTo(path.join(fixtures, 'leaky-rung-3.heapsnapshot.gz')));
    assert.ok(compared >= 25);
  });

  it('Node 22 snapshot format (script edge, 15 node types)', async () => {
    const { compared } = await compare(gunzipTo(path.join(fixtures, 'leaky-node22.heapsnapshot.gz')));
    assert.ok(compared >= 25);
  });

  it('generated mixed heap with WeakMaps, Sets, closures, strings, buffers', async () => {
    const { ours, compared } = await compare(generated);
    assert.ok(ours.nodeCount > 200_000, `generated snapshot too small: ${ours.nodeCount} nodes`);
    assert.ok(compared >= 25);
  });
});
