// One adapter per engine for the benchmark: { parse, dominators, diff, path } over files.
// Each op returns { splitMs?, result? }; run-one.mjs times the whole call.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadWithDevTools } from './devtools-anchor.mjs';

const TARGET_CLASS = 'LeakyRecord';

export function makeAdapters({ oursBundle, anchorsDir }) {
  const anchorRequire = createRequire(path.join(anchorsDir, 'package.json'));
  return {
    ours: oursAdapter(createRequire(import.meta.url)(oursBundle)),
    devtools: devtoolsAdapter(),
    vscode: vscodeAdapter(() => anchorRequire('@vscode/v8-heap-parser')),
    memlab: memlabAdapter(() => {
      const core = anchorRequire('@memlab/core');
      core.config.muteConsole = true;
      core.config.isContinuousTest = true;
      return core;
    }),
  };
}

function oursAdapter(h) {
  const highestLeaky = a => {
    const g = a.graph;
    let best = -1;
    for (let v = 0; v < g.nodeCount; v++) {
      if (g.d.nodeType[v] === g.t.object && g.name(v) === TARGET_CLASS && (best < 0 || g.id(v) > g.id(best))) best = v;
    }
    return best;
  };
  return {
    parse: async f => ({ handle: await h.parseSnapshotFile(f) }),
    dominators: async f => {
      const a = await h.loadSnapshot(f);
      return { result: { top: h.summarize(a, 3).topClasses.map(c => c.className) } };
    },
    diff: async (fa, fb) => {
      const r = await h.createLocalAnalyzer().analyzeLadder([fa, fb]);
      const leaky = r.classes.find(c => c.className === TARGET_CLASS);
      return { result: { leakyDelta: leaky.counts[1] - leaky.counts[0], newLeaky: leaky.newCount, topOwner: r.owners[0]?.root?.name } };
    },
    path: async f => {
      const a = await h.loadSnapshot(f);
      const t = performance.now();
      const p = h.retainerPathTo(a, highestLeaky(a));
      return { splitMs: performance.now() - t, result: { length: p.steps.length, root: p.root?.name } };
    },
  };
}

function devtoolsAdapter() {
  const highestLeaky = s => {
    let best = -1;
    let bestId = -1;
    const nfc = s.nodeFieldCount;
    for (let i = 0; i < s.nodes.length; i += nfc) {
      if (s.nodes.getValue(i + s.nodeTypeOffset) !== s.nodeObjectType) continue;
      if (s.strings[s.nodes.getValue(i + s.nodeNameOffset)] !== TARGET_CLASS) continue;
      const id = s.nodes.getValue(i + s.nodeIdOffset);
      if (id > bestId) {
        bestId = id;
        best = i / nfc;
      }
    }
    return best;
  };
  return {
    parse: async f => ({ handle: await loadWithDevTools(f) }),
    dominators: async f => ({ handle: await loadWithDevTools(f) }),
    diff: async (fa, fb) => {
      const a = await loadWithDevTools(fa);
      const b = await loadWithDevTools(fb);
      const t = performance.now();
      a.uid = 1;
      const aggs = a.aggregatesForDiff(b.interfaceDefinitions());
      const d = b.calculateSnapshotDiff('1', aggs);
      let added = 0;
      for (const k in d) if (d[k].name === TARGET_CLASS) added += d[k].addedCount;
      return { splitMs: performance.now() - t, result: { newLeaky: added } };
    },
    path: async f => {
      const s = await loadWithDevTools(f);
      const t = performance.now();
      // Walk DevTools' own BFS distances back to the root over non-weak retainers.
      const nfc = s.nodeFieldCount;
      const root = s.rootNodeIndexInternal / nfc;
      let v = highestLeaky(s);
      let length = 0;
      while (v !== root && length < 10000) {
        let best = -1;
        let bestD = Infinity;
        for (let r = s.firstRetainerIndex[v]; r < s.firstRetainerIndex[v + 1]; r++) {
          if (s.containmentEdges.getValue(s.retainingEdges[r] + s.edgeTypeOffset) === s.edgeWeakType) continue;
          const u = s.retainingNodes[r] / nfc;
          const d = u === root ? -1 : s.nodeDistances[u];
          if (d >= 0 ? d < bestD : u === root) {
            bestD = u === root ? -Infinity : d;
            best = u;
          }
        }
        if (best < 0) break;
        v = best;
        length++;
      }
      return { splitMs: performance.now() - t, result: { length } };
    },
  };
}

function vscodeAdapter(load) {
  const decode = f => load().decode_bytes(fs.readFileSync(f));
  return {
    parse: async f => ({ handle: decode(f) }),
    dominators: async f => {
      const g = decode(f);
      g.get_class_groups(0, 5, false);
      return { handle: g };
    },
    diff: async (fa, fb) => {
      const lib = load();
      const ids = (g, groups, into) => {
        for (let i = 0; i < groups.length; i++) {
          for (const k of g.class_children(i, 0, groups[i].children_len, lib.WasmSortBy.SelfSize)) {
            into(groups[i].name(), k.id);
            k.free();
          }
        }
      };
      const ga = decode(fa);
      const gb = decode(fb);
      const t = performance.now();
      const seen = new Set();
      ids(ga, ga.get_class_groups(0, 0x7fffffff, true), (_n, id) => seen.add(id));
      let added = 0;
      ids(gb, gb.get_class_groups(0, 0x7fffffff, true), (n, id) => {
        if (n === TARGET_CLASS && !seen.has(id)) added++;
      });
      return { splitMs: performance.now() - t, result: { newLeaky: added } };
    },
    path: async f => {
      const lib = load();
      const g = decode(f);
      const t = performance.now();
      const groups = g.get_class_groups(0, 0x7fffffff, false);
      const gi = groups.findIndex(x => x.name() === TARGET_CLASS);
      let target;
      for (const k of g.class_children(gi, 0, groups[gi].children_len, lib.WasmSortBy.SelfSize)) if (!target || k.id > target.id) target = k;
      const ret = g.get_all_retainers(target.index, 64);
      return { splitMs: performance.now() - t, result: { retainers: ret.length } };
    },
  };
}

function memlabAdapter(load) {
  const snapshot = f => load().utils.getSnapshotFromFile(f, { buildNodeIdIndex: true });
  return {
    parse: async f => ({ handle: await snapshot(f) }),
    dominators: async f => {
      const s = await snapshot(f);
      new (load().TraceFinder)().calculateAllNodesRetainedSizes(s);
      return { handle: s };
    },
    diff: async (fa, fb) => {
      const a = await snapshot(fa);
      const b = await snapshot(fb);
      const t = performance.now();
      const ids = new Set();
      a.nodes.forEach(n => void ids.add(n.id));
      let added = 0;
      b.nodes.forEach(n => {
        if (n.name === TARGET_CLASS && n.type === 'object' && !ids.has(n.id)) added++;
      });
      return { splitMs: performance.now() - t, result: { newLeaky: added } };
    },
    path: async f => {
      const s = await snapshot(f);
      const t = performance.now();
      let target = null;
      s.nodes.forEach(n => {
        if (n.name === TARGET_CLASS && n.type === 'object' && (!target || n.id > target.id)) target = n;
      });
      const finder = new (load().TraceFinder)();
      finder.annotateShortestPaths(s);
      let length = 0;
      for (let x = finder.getPathToGCRoots(s, target); x; x = x.next) length++;
      return { splitMs: performance.now() - t, result: { length } };
    },
  };
}
