/**
 * End-to-end: every fixture app in test/fixtures/apps is hunted by the orchestrator with the
 * real heap engine, two at a time; leaks are attributed and their fix is verified to plateau.
 * (The held-out set in test/fixtures/holdout is for `npm run bench:accuracy` only.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { createLocalAnalyzer } from '../../src/core/heap';
import { runHunt } from '../../src/core/hunt';
import { loadCorpus, score, targetOf, type CorpusApp } from './corpus';

const apps = loadCorpus(path.join(__dirname, '../fixtures/apps'));
const out = path.join(os.tmpdir(), `leak-hunter-corpus-${process.pid}`);

async function hunt(app: CorpusApp) {
  const { target, workload } = targetOf(app);
  return runHunt({ target, workload, analyzer: createLocalAnalyzer(), outDir: path.join(out, app.name), verifyFix: app.truth.verdict === 'leak' });
}

test('the corpus has at least 12 apps, 5 of them plateaus, with ground truth', () => {
  assert.ok(apps.length >= 12, `${apps.length} apps`);
  assert.ok(apps.filter(a => a.truth.verdict === 'no-leak').length >= 5);
  for (const a of apps.filter(x => x.truth.verdict === 'leak')) assert.ok(a.rootLines.length + a.growthLines.length > 0, `${a.name} marks its truth lines`);
});

test('hunting the corpus', { concurrency: 2 }, async t => {
  await Promise.all(
    apps.map(app =>
      t.test(app.name, async () => {
        const report = await hunt(app);
        const s = score(app, report);
        assert.ok(s.verdictOk, `${app.name}: ${s.detail}`);
        if (app.truth.verdict !== 'leak') {
          assert.equal(report.suspects.length, 0);
          return;
        }
        assert.ok(report.snapshots.length >= 3);
        assert.ok(s.rootOk, `root line: ${s.detail}`);
        assert.ok(s.archetypeOk, `archetype: ${s.detail}`);
        assert.ok(s.fixOk, `fix: ${s.detail}`);
        assert.ok(s.plateauOk, `the fix plateaus: ${s.detail}`);
        if (app.truth.secondRoot) assert.ok(report.suspects.some(x => x.root.name === app.truth.secondRoot), `second leak ${app.truth.secondRoot} is reported`);
        for (const e of report.suspects[0].fix!.edits) assert.ok(path.isAbsolute(e.file) && e.startLine >= 1 && e.startColumn >= 1);
      }),
    ),
  );
});
