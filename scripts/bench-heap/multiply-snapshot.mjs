// Writes a valid .heapsnapshot holding K copies of another snapshot's graph (ids shifted, each
// copy's root hung off the real root), to get a 2 GB+ file without a V8 process that needs
// 12+ GB of RAM to write one. Used by the benchmark's "xl" size.
//   node multiply-snapshot.mjs <in.heapsnapshot> <out.heapsnapshot> <copies>
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [input, output, copiesArg] = process.argv.slice(2);
const K = Number(copiesArg ?? 2);
const h = createRequire(import.meta.url)(process.env.OURS_BUNDLE);
const d = await h.parseSnapshotFile(input);
const L = d.layout;
const n = d.nodeCount;
const nf = 7;
let maxId = 0;
for (let i = 0; i < n; i++) if (d.nodeId[i] > maxId) maxId = d.nodeId[i];
const idShift = maxId + (maxId % 2 === 0 ? 2 : 1);
const meta = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [L.nodeTypes, 'string', 'number', 'number', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [L.edgeTypes, 'string_or_number', 'node'],
  trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
  trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
  sample_fields: ['timestamp_us', 'last_assigned_id'],
  location_fields: ['object_index', 'script_id', 'line', 'column'],
};
const out = fs.createWriteStream(output);
let buf = '';
const flush = async force => {
  if (buf.length < 1 << 20 && !force) return;
  if (!out.write(buf)) await new Promise(r => out.once('drain', r));
  buf = '';
};
const root = d.rootOrdinal;
const element = L.edgeTypes.indexOf('element');
buf += JSON.stringify({ snapshot: { meta, node_count: n * K, edge_count: d.edgeCount * K + (K - 1), trace_function_count: 0 } }).slice(0, -1);
buf += ',\n"nodes":[';
let first = true;
for (let c = 0; c < K; c++) {
  for (let i = 0; i < n; i++) {
    const edges = d.firstEdge[i + 1] - d.firstEdge[i] + (c === 0 && i === root ? K - 1 : 0);
    buf += `${first ? '' : ','}${d.nodeType[i]},${d.nodeName[i]},${d.nodeId[i] + c * idShift},${d.selfSize[i]},${edges},0,0\n`;
    first = false;
    await flush(false);
  }
}
buf += '],\n"edges":[';
first = true;
for (let c = 0; c < K; c++) {
  for (let i = 0; i < n; i++) {
    if (c === 0 && i === root) {
      for (let k = 1; k < K; k++) {
        buf += `${first ? '' : ','}${element},${d.firstEdge[root + 1] - d.firstEdge[root] + k},${(k * n + root) * nf}\n`;
        first = false;
      }
    }
    for (let e = d.firstEdge[i]; e < d.firstEdge[i + 1]; e++) {
      buf += `${first ? '' : ','}${d.edgeType[e]},${d.edgeName[e]},${(d.edgeTo[e] + c * n) * nf}\n`;
      first = false;
    }
    await flush(false);
  }
}
buf += '],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[';
first = true;
for (let c = 0; c < K; c++) {
  for (let r = 0; r < d.locations.length; r += 4) {
    buf += `${first ? '' : ','}${(d.locations[r] + c * n) * nf},${d.locations[r + 1]},${d.locations[r + 2]},${d.locations[r + 3]}\n`;
    first = false;
  }
  await flush(false);
}
buf += '],\n"strings":[';
for (let s = 0; s < d.strings.count; s++) {
  buf += (s ? ',\n' : '') + JSON.stringify(d.strings.get(s));
  await flush(false);
}
buf += ']}\n';
await flush(true);
await new Promise(r => out.end(r));
console.log(`wrote ${output}: ${n * K} nodes, ${d.edgeCount * K + K - 1} edges, ${fs.statSync(output).size} bytes`);
