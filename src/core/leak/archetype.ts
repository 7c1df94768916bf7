/** Classifying a growing owner into a leak archetype from its kind, its path and its root. */
import type { Archetype } from '../../shared/report';
import type { GrowingOwner, PathStep } from '../heap/model';

/** The closure variable repeated along the path (a chain of contexts, each retaining the previous). */
export function chainVariable(path: readonly PathStep[]): string | undefined {
  const counts = new Map<string, number>();
  for (const s of path) if (s.edgeType === 'context') counts.set(s.edge, (counts.get(s.edge) ?? 0) + 1);
  let best: string | undefined;
  for (const [name, n] of counts) if (n >= 2 && (!best || n > counts.get(best)!)) best = name;
  return best;
}

const onPath = (path: readonly PathStep[], re: RegExp) => path.some(s => re.test(s.edge) || re.test(s.node));

/** Archetype of a growing owner. */
export function classifyOwner(owner: GrowingOwner): Archetype {
  const path = owner.retainerPath;
  if (owner.ownerKind === 'listeners' || owner.root?.kind === 'listener' || path.some(s => s.edge === '_events')) return 'listener';
  if (owner.ownerKind === 'timers' || owner.root?.kind === 'timer' || onPath(path, /^(_onTimeout|Timeout|TimersList|timerListMap)$/)) return 'timer';
  if (chainVariable(path)) return 'closure';
  switch (owner.ownerKind) {
    case 'map':
    case 'set':
    case 'weakmap':
      return 'unbounded-collection';
    case 'array':
      return 'growing-array';
    case 'context':
      return 'closure';
    case 'object':
      return owner.countDelta > 0 ? 'unbounded-collection' : 'other';
  }
  return 'other';
}
