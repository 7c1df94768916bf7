/** Suspects and their fixes for a run's ladder. */
import type { Suspect } from '../../shared/report';
import { attribute } from '../leak/attribute';
import { ScriptCache } from '../leak/script';
import { proposeFix, type ProposedFix } from '../fix/propose';
import type { RunResult } from './run';

/** Suspects (with fixes) for a run's ladder; the generated-side edits of each fix keyed by rank. */
export function suspectsFor(r: RunResult): { suspects: Suspect[]; fixes: Map<number, ProposedFix> } {
  const fixes = new Map<number, ProposedFix>();
  if (!r.ladder) return { suspects: [], fixes };
  const scripts = new ScriptCache(r.runtimeSources);
  const attributions = attribute(r.ladder, r.snapshots.map(s => s.t), scripts);
  const suspects = attributions.map(a => {
    const proposed = proposeFix(a);
    if (proposed) fixes.set(a.suspect.rank, proposed);
    return proposed ? { ...a.suspect, fix: proposed.fix } : a.suspect;
  });
  return { suspects, fixes };
}

