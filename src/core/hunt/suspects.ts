/** Suspects and their fixes for a run's ladder. */
import type { Suspect } from '../../shared/report';
import { attribute } from '../leak/attribute';
import { ScriptCache } from '../leak/script';
import { proposeFix, type ProposedFix } from '../fix/propose';
import type { RunResult } from './run';

/**
 * Suspects (with fixes and their alternatives) for a run's ladder; the generated-side edits of
 * each preferred fix keyed by rank. The program's working directory bounds the search for the
 * project's package.json (what it already depends on).
 */
export function suspectsFor(r: RunResult): { suspects: Suspect[]; fixes: Map<number, ProposedFix> } {
  const fixes = new Map<number, ProposedFix>();
  if (!r.ladder) return { suspects: [], fixes };
  const scripts = new ScriptCache(r.runtimeSources);
  const attributions = attribute(r.ladder, r.snapshots.map(s => s.t), scripts);
  const suspects = attributions.map((a): Suspect => {
    const proposed = proposeFix(a, { projectRoot: r.info.cwd });
    if (!proposed) return a.suspect;
    fixes.set(a.suspect.rank, proposed);
    return { ...a.suspect, fix: proposed.fix, ...(proposed.alternatives.length ? { alternatives: proposed.alternatives } : {}) };
  });
  return { suspects, fixes };
}
