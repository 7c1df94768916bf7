import { loadCorpus, targetOf } from './corpus.ts';
import { runOnce } from '../../src/core/hunt/run.ts';
import { neverCancelled } from '../../src/core/common/cancellation.ts';
const names = process.argv.slice(2);
const apps = loadCorpus('/work/main/test/fixtures/apps').filter(a => names.length === 0 || names.includes(a.name));
const stub = { analyzeLadder: async () => ({ rungs: [], identity: 'object-id' as const, classes: [], owners: [] }) };
await Promise.all(apps.map(async app => {
  const { target, workload } = targetOf(app);
  const t0 = Date.now();
  const r = await runOnce(target, { target, workload, analyzer: stub, outDir: `/tmp/trial/${app.name}` }, 'hunt', { onWarning: m => console.log(app.name, 'warn', m) }, () => {}, neverCancelled, 'hunt');
  console.log(app.name, 'want', app.truth.verdict, 'got', r.assessment.decision, ((Date.now() - t0) / 1000).toFixed(1) + 's', r.snapshots.length, 'snaps', r.failure?.message ?? '', '|', r.assessment.reason);
}));
