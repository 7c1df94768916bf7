import { LeakHunterError } from '../common/errors';
import { throwIfCancelled, type CancellationToken } from '../common/cancellation';
import type { ProgressSink } from '../common/progress';
import type { LadderOptions, LadderResult, SnapshotAnalyzer } from './model';
import { analyzeSnapshot, type AnalyzedSnapshot } from './analysis/analyzeSnapshot';
import { parseSnapshotFile } from './parse/parseSnapshot';
import { diffLadder } from './ladder/ladderDiff';

export interface LoadOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
}

/** Parses and analyses one snapshot file (plain or .gz): DevTools' dominators, retained sizes, classes. */
export async function loadSnapshot(file: string, options: LoadOptions = {}): Promise<AnalyzedSnapshot> {
  const data = await parseSnapshotFile(file, options);
  throwIfCancelled(options.token);
  return analyzeSnapshot(data, options);
}

/** Diffs 2..N snapshot files (oldest first) into the LadderResult the hunt consumes. */
export async function analyzeLadderFiles(files: string[], options: LadderOptions = {}): Promise<LadderResult> {
  if (files.length < 2) throw new LeakHunterError('usage', `A ladder needs at least 2 snapshots, got ${files.length}`);
  const rungs: AnalyzedSnapshot[] = [];
  for (let i = 0; i < files.length; i++) {
    const label = `snapshot ${i + 1}/${files.length}`;
    rungs.push(
      await loadSnapshot(files[i], {
        token: options.token,
        progress: options.progress && (r => options.progress?.({ ...r, phase: `${label}: ${r.phase}` })),
      }),
    );
  }
  throwIfCancelled(options.token);
  options.progress?.({ phase: 'diff' });
  return diffLadder(files, rungs, { topOwners: options.topOwners, canaryIds: options.canaryIds });
}

/** The in-process analyzer (CLI, tests, the server's worker thread). */
export function createLocalAnalyzer(): SnapshotAnalyzer {
  return {
    analyzeLadder: (files, options) => analyzeLadderFiles(files, options),
    dispose: () => undefined,
  };
}
