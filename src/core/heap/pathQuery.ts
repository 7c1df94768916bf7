import type { PathStep, RetainingRoot } from './model';
import type { AnalyzedSnapshot } from './analysis/analyzeSnapshot';
import { buildPathTree, rawPath, readablePath, type PathTree } from './analysis/retainerPaths';
import { findRetainingRoot } from './analysis/retainingRoot';
import { Locations } from './graph/locations';

export interface RetainerPathResult {
  steps: PathStep[];
  root?: RetainingRoot;
}

const trees = new WeakMap<AnalyzedSnapshot, PathTree>();

/** Shortest essential retainer path from the GC root to `ordinal`, readable, with its retaining root. */
export function retainerPathTo(a: AnalyzedSnapshot, ordinal: number): RetainerPathResult {
  let tree = trees.get(a);
  if (!tree) trees.set(a, (tree = buildPathTree(a)));
  const raw = rawPath(a, tree, ordinal);
  if (!raw) return { steps: [] };
  const locations = new Locations(a.graph);
  const { steps, stepOfRaw } = readablePath(a, raw, locations);
  const found = findRetainingRoot(a, locations, raw);
  if (!found) return { steps };
  const { rawIndex, ...rest } = found;
  return { steps, root: { ...rest, pathIndex: stepOfRaw[rawIndex] ?? steps.length - 1 } };
}
