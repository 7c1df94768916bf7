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

/** Archetype of a growing owner: what grew decides; the path only tells listeners and chains apart. */
export function classifyOwner(owner: GrowingOwner): Archetype {
  const path = owner.retainerPath;
  const last = path.at(-1);
  const beforeLast = path.at(-2);
  if (owner.ownerKind === 'listeners' || (owner.root?.kind === 'listener' && owner.ownerKind !== 'map' && owner.ownerKind !== 'set')) return 'listener';
  if (beforeLast?.edge === '_events' || last?.edge === '_events') return 'listener';
  if (owner.ownerKind === 'timers' || (last && /^(TimersList|Timeout)$/.test(last.node))) return 'timer';
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
