// Dev helper: analyse a saved ladder and print the attributed suspects with their fixes.
import { createLocalAnalyzer } from '../../src/core/heap/index.ts';
import { attribute } from '../../src/core/leak/attribute.ts';
import { ScriptCache } from '../../src/core/leak/script.ts';
import { proposeFix } from '../../src/core/fix/propose.ts';
const files = process.argv.slice(2);
const ladder = await createLocalAnalyzer().analyzeLadder(files, {});
for (const o of ladder.owners.slice(0, 5)) console.log('owner', o.className, o.ownerKind, o.countDelta, o.retainedDelta, o.monotonic, JSON.stringify(o.root), o.retainerPath.map(s => `${s.edgeType}:${s.edge}->${s.node}`).join(' '));
for (const a of attribute(ladder, files.map((_, i) => i * 5), new ScriptCache())) {
  const f = proposeFix(a);
  console.log(a.suspect.rank, a.archetype, a.suspect.root.name, a.suspect.root.kind, a.suspect.root.location?.line, 'growth', a.suspect.growthSite?.location.line, f?.fix.kind, f?.fix.title, JSON.stringify(f?.fix.edits));
}
