import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { LeakHunterError } from '../../common/errors';
import { loadSnapshot, summarize } from '../index';
import { EngineWorker } from './engineWorker';

const fixture = path.resolve(__dirname, '../../../../test/fixtures/snapshots/leaky-rung-1.heapsnapshot.gz');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-parallel-'));
const text = zlib.gunzipSync(fs.readFileSync(fixture));
const plain = path.join(dir, 'rung.heapsnapshot');
fs.writeFileSync(plain, text);

async function failure(file: string): Promise<LeakHunterError> {
  const worker = EngineWorker.create();
  assert.ok(worker, 'worker thread should start from the TypeScript sources');
  try {
    await loadSnapshot(file, { worker });
  } catch (e) {
    assert.ok(e instanceof LeakHunterError, `expected LeakHunterError, got ${String(e)}`);
    return e;
  } finally {
    worker.terminate();
  }
  assert.fail('expected the load to fail');
}

describe('two-thread load', () => {
  it('gives the same results as the single-thread reader', async () => {
    const worker = EngineWorker.create();
    assert.ok(worker);
    try {
      const two = summarize(await loadSnapshot(plain, { worker }), 50);
      const one = summarize(await loadSnapshot(plain, { worker: null }), 50);
      assert.deepEqual(two, one);
    } finally {
      worker.terminate();
    }
  });

  it('reports a corrupt number in the edges section (parsed by the worker) with its byte offset', async () => {
    const edgesAt = text.indexOf('"edges":[');
    const at = text.indexOf(',', edgesAt + 5000);
    const bad = Buffer.from(text);
    bad[at + 1] = 'x'.charCodeAt(0);
    const file = path.join(dir, 'corrupt.heapsnapshot');
    fs.writeFileSync(file, bad);
    const e = await failure(file);
    assert.equal(e.details?.section, 'edges');
    assert.equal(e.details?.offset, at + 1);
  });

  it('reports truncation and missing files without hanging', async () => {
    const file = path.join(dir, 'truncated.heapsnapshot');
    fs.writeFileSync(file, text.subarray(0, Math.floor(text.length * 0.6)));
    const e = await failure(file);
    assert.match(e.message, /end of the file/);
    const missing = await failure(path.join(dir, 'missing.heapsnapshot'));
    assert.equal(missing.code, 'io');
  });
});
