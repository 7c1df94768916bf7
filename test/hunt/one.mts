// Dev helper: hunt one or more corpus apps through the orchestrator and print the score.
import path from 'node:path';
import { createLocalAnalyzer } from '../../src/core/heap/index.ts';
import { runHunt } from '../../src/core/hunt/index.ts';
import { loadCorpus, score, targetOf } from './corpus.ts';
const [set, ...names] = process.argv.slice(2);
const apps = loadCorpus(path.resolve('test/fixtures', set)).filter(a => names.includes(a.name));
await Promise.all(apps.map(async app => {
  const { target, workload } = targetOf(app);
  const r = await runHunt({ target, workload, analyzer: createLocalAnalyzer(), outDir: `/tmp/one/${app.name}`, verifyFix: app.truth.verdict === 'leak' });
  console.log(app.name, JSON.stringify(score(app, r)));
}));
