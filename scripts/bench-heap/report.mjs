// Prints the benchmark tables: medians per (engine, op), peak RSS, and same-run ratios.
import fs from 'node:fs';

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');

function medians(rows) {
  const by = new Map();
  for (const r of rows) {
    const k = `${r.engine}/${r.op}`;
    if (!by.has(k)) by.set(k, []);
    by.get(k).push(r);
  }
  const out = new Map();
  for (const [k, rs] of by) {
    const ok = rs.filter(r => r.ok);
    out.set(k, { ok: ok.length, n: rs.length, s: median(ok.map(r => r.ms / 1000)), rss: Math.max(0, ...ok.map(r => r.maxRssMB)), error: rs.find(r => !r.ok)?.error, row: rs[0] });
  }
  return out;
}

/** One size: a markdown table with ratio = engine time / ours (same op, same run). */
export function printSize(mb, pair, rows) {
  const m = medians(rows);
  const size = f => (fs.existsSync(f) ? fs.statSync(f).size / 1e6 : NaN);
  const aMB = size(pair.a);
  const bMB = size(pair.b);
  const note = pair.meta.synthetic ? `, synthetic: ${pair.meta.synthetic}` : '';
  console.log(`\n## ~${mb} MB: A ${aMB.toFixed(1)} MB, B ${fmt(bMB, 1)} MB (LeakyRecord ${pair.meta.leakedA} → ${pair.meta.leakedB}${note})\n`);
  console.log('| op | engine | median s | peak RSS MB | RSS / file | × ours (slower) | note |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  const ops = [...new Set(rows.map(r => r.op))];
  for (const op of ops) {
    const ours = m.get(`ours/${op}`);
    for (const [k, v] of m) {
      const [engine, o] = k.split('/');
      if (o !== op) continue;
      const fileMB = op === 'diff' ? aMB + bMB : op === 'path' ? bMB : aMB;
      const ratio = ours?.ok && v.ok ? v.s / ours.s : NaN;
      const note = !v.ok ? `FAILED: ${v.error}` : v.row.splitMs !== undefined ? `op-only ${fmt(v.row.splitMs / 1000)} s` : '';
      console.log(`| ${op} | ${engine} | ${v.ok ? fmt(v.s) : 'fail'} | ${v.ok ? Math.round(v.rss) : '—'} | ${v.ok ? fmt(v.rss / fileMB) : '—'} | ${engine === 'ours' ? '1.00' : fmt(ratio)} | ${note} |`);
    }
  }
}

/** The targets, checked on every size: speed-ups vs the fastest anchor and RSS / file size. */
export function printTargets(all) {
  console.log('\n## Targets (same run)\n');
  console.log('| size | parse+dominators: ours s / fastest anchor s (×) | diff A/B: ours s / fastest anchor s (×) | ours peak RSS / file (dominators) | ours peak RSS / pair (diff) |');
  console.log('|---|---|---|---:|---:|');
  for (const mb of [...new Set(all.map(r => r.sizeMB))]) {
    const m = medians(all.filter(r => r.sizeMB === mb));
    const best = op => {
      let b;
      for (const [k, v] of m) {
        const [e, o] = k.split('/');
        if (o === op && e !== 'ours' && v.ok && (!b || v.s < b.s)) b = { ...v, engine: e };
      }
      return b;
    };
    const cell = op => {
      const o = m.get(`ours/${op}`);
      const b = best(op);
      if (!o?.ok) return 'ours failed';
      if (!b) return `${fmt(o.s)} s (no anchor completed)`;
      return `${fmt(o.s)} / ${fmt(b.s)} ${b.engine} (**${fmt(b.s / o.s, 1)}×**)`;
    };
    const dom = m.get('ours/dominators');
    const diff = m.get('ours/diff');
    const anyRow = all.find(r => r.sizeMB === mb);
    console.log(
      `| ${mb} MB | ${cell('dominators')} | ${cell('diff')} | ${dom?.ok ? fmt(dom.rss / anyRow.fileMB) : '—'} | ${diff?.ok ? fmt(diff.rss / anyRow.pairMB) : '—'} |`,
    );
  }
}
