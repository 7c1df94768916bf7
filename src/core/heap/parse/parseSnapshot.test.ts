import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { LeakHunterError } from '../../common/errors';
import { parseSnapshot, parseSnapshotFile } from './parseSnapshot';

const meta = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'], 'string', 'number', 'number', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
  location_fields: ['object_index', 'script_id', 'line', 'column'],
};
const tricky = ['', '(root)', 'quote " and \\ backslash', 'unicode é ✓ \u0001 tab\t', 'x'.repeat(3000) + '\\"'];

function mini(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    snapshot: { meta, node_count: 3, edge_count: 2, trace_function_count: 0 },
    nodes: [9, 1, 1, 0, 2, 0, 0, 3, 2, 3, 40, 0, 0, 0, 5, 3, 5, 16, 0, 0, 0],
    edges: [2, 3, 7, 1, 0, 14],
    trace_function_infos: [],
    trace_tree: [1, 0, 0, 0, [2, 1, 0, 0, []]],
    samples: [],
    locations: [14, 4, 10, 2],
    ...extra,
    strings: tricky,
  });
}

async function* chunks(text: string, size: (i: number) => number): AsyncGenerator<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, size(k++));
    yield text.slice(i, i + n);
    i += n;
  }
}

async function parseText(text: string) {
  return parseSnapshot(chunks(text, () => 1 << 20));
}

async function rejects(text: string, pattern: RegExp): Promise<LeakHunterError> {
  let caught: unknown;
  try {
    await parseText(text);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LeakHunterError, `expected a LeakHunterError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  assert.equal(typeof caught.details?.offset, 'number');
  return caught;
}

describe('snapshot reader', () => {
  it('reads a snapshot fed as CDP string chunks of any size, decoding escapes lazily', async () => {
    const text = mini();
    for (const size of [() => 1, (k: number) => 1 + (k % 7), () => 4096]) {
      const d = await parseSnapshot(chunks(text, size));
      assert.equal(d.nodeCount, 3);
      assert.equal(d.edgeCount, 2);
      assert.deepEqual(Array.from(d.edgeTo), [1, 2]);
      assert.deepEqual(Array.from(d.firstEdge), [0, 2, 2, 2]);
      assert.deepEqual(Array.from(d.locations), [2, 4, 10, 2]);
      assert.deepEqual(Array.from(d.selfSize), [0, 40, 16]);
      assert.deepEqual(
        tricky.map((_, i) => d.strings.get(i)),
        tricky,
      );
    }
  });

  it('reads a real snapshot the same from a file and from string chunks', async () => {
    const gz = path.resolve(__dirname, '../../../../test/fixtures/snapshots/leaky-rung-1.heapsnapshot.gz');
    const text = zlib.gunzipSync(fs.readFileSync(gz)).toString('utf8');
    const a = await parseSnapshotFile(gz);
    const b = await parseSnapshot(chunks(text, k => 1000 + ((k * 7919) % 70000)));
    assert.equal(a.nodeCount, b.nodeCount);
    assert.deepEqual(a.edgeTo, b.edgeTo);
    assert.deepEqual(a.nodeName, b.nodeName);
    assert.equal(a.strings.count, b.strings.count);
    for (let i = 0; i < a.strings.count; i += 97) assert.equal(a.strings.get(i), b.strings.get(i));
  });

  it('rejects an empty file, naming byte 0', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lh-empty-')), 'empty.heapsnapshot');
    fs.writeFileSync(file, '');
    await assert.rejects(parseSnapshotFile(file), (e: unknown) => e instanceof LeakHunterError && /empty/.test(e.message));
    await rejects('   ', /at byte 3.*expected '\{' \(the file is empty\), found the end of the file/);
  });

  it('rejects truncated input at every section with the offset and section', async () => {
    const text = mini();
    for (const cut of [5, text.indexOf('"nodes"') + 20, text.indexOf('"edges"') + 12, text.indexOf('"strings"') + 40, text.length - 1]) {
      const e = await rejects(text.slice(0, cut), /found the end of the file/);
      assert.equal(e.details?.offset, Buffer.byteLength(text.slice(0, cut)));
    }
    const e = await rejects(text.slice(0, text.indexOf('"edges"') + 12), /section "edges"/);
    assert.ok(e);
  });

  it('rejects a corrupt number, a bad to_node and bad counts', async () => {
    const text = mini();
    const at = text.indexOf('"edges":[') + 9;
    await rejects(text.slice(0, at) + '2x' + text.slice(at + 1), /at byte \d+, in section "edges", expected a digit, ',' or '\]', found 'x'/);
    await rejects(text.replace('"edges":[2,3,7,1,0,14]', '"edges":[2,3,8,1,0,14]'), /to_node that is a multiple of 7/);
    await rejects(text.replace('"edges":[2,3,7,1,0,14]', '"edges":[2,3,7,1,0,14,2,3,7]'), /no more than 2 edges/);
    await rejects(text.replace('"node_count":3', '"node_count":4'), /4 nodes of 7 fields/);
    await rejects(text.replace('"nodes":[9,1,', '"nodes":[9,99,'), /name to be a string index below 5/);
    await rejects(text.replace('"nodes":[9,', '"nodes":[,'), /expected a number, found ','/);
  });

  it('rejects JSON that is not a heap snapshot', async () => {
    await rejects('{"hello":"world"}', /not a heap snapshot/);
    await rejects('[1,2,3]', /expected '\{' at the start of a heap snapshot, found '\['/);
    await rejects('{"snapshot":{"meta":{}},"nodes":[]}', /a field list containing "type"/);
    await rejects(mini() + ' trailing', /expected the end of the file/);
  });

  it('skips unknown sections, including nested arrays and strings with brackets', async () => {
    const d = await parseText(mini({ scopes: [[1, [2, ']', { a: '}' }]], 3], future_section: { x: '"[' } }));
    assert.equal(d.nodeCount, 3);
  });
});
