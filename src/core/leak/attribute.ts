/**
 * From the ladder's growing owners to ranked suspects: archetype, deltas, growth per second,
 * the retainer path, the retaining root at its declaration, and the growth site; locations
 * mapped through source maps when the script has one.
 */
import type { Archetype, RootKind, SourceLocation, Suspect } from '../../shared/report';
import type { GrowingOwner, LadderResult, PathStep, ScriptLocation } from '../heap/model';
import { chainVariable, classifyOwner } from './archetype';
import { findClassField, findContextChain, findPropertyAssignment, findVariableDeclaration, type Declaration } from './declarations';
import { findGrowthSite, type GrowthSite } from './growthSite';
import { offsetOf, originalLocation, type ParsedScript, type ScriptCache } from './script';

/** A suspect plus what the fix builder needs: the parsed generated script and the AST nodes. */
export interface Attribution {
  suspect: Suspect;
  owner: GrowingOwner;
  archetype: Archetype;
  /** Name of the collection/variable as written (`cache`, `items`, `theThing`). */
  name: string;
  script?: ParsedScript;
  declaration?: Declaration;
  growth?: GrowthSite;
  emitterName?: string;
  eventName?: string;
}

const identifierLike = /^[A-Za-z_$][\w$]*$/;

function locatedSteps(path: readonly PathStep[], upTo: number): ScriptLocation[] {
  const out: ScriptLocation[] = [];
  for (let i = Math.min(upTo, path.length - 1); i >= 0; i--) if (path[i].location) out.push(path[i].location!);
  return out;
}

function pickScript(candidates: (ScriptLocation | undefined)[], scripts: ScriptCache): { script: ParsedScript; loc: ScriptLocation } | undefined {
  for (const loc of candidates) {
    if (!loc) continue;
    const script = scripts.get(loc.scriptName);
    if (script) return { script, loc };
  }
  return undefined;
}

function rootKindFor(owner: GrowingOwner, archetype: Archetype, edgeType: string | undefined): RootKind {
  if (archetype === 'listener') return 'listener';
  if (archetype === 'timer') return 'timer';
  if (owner.root?.kind && owner.root.kind !== 'other') return owner.root.kind;
  if (edgeType === 'context') return 'closure-variable';
  if (edgeType === 'property') return 'class-field';
  return owner.root?.kind ?? 'other';
}

/** Resolves one owner: names, declaration and growth site in the generated script. */
export function resolveOwner(owner: GrowingOwner, scripts: ScriptCache): Omit<Attribution, 'suspect'> & { rootKind: RootKind; rootName: string } {
  const path = owner.retainerPath;
  const archetype = classifyOwner(owner);
  const chain = archetype === 'closure' ? chainVariable(path) : undefined;
  const last = path.at(-1);
  const eventsAt = path.findIndex(s => s.edge === '_events');
  const emitterName = eventsAt > 0 ? path[eventsAt - 1].edge.replace(/^this\./, '') : undefined;
  const eventName = owner.eventName ?? (eventsAt >= 0 ? path[eventsAt + 1]?.edge : undefined);
  const rootName = (owner.root?.name ?? '').replace(/^this\./, '');
  // The name to look for: a chain's variable, else the edge into the owner when it is a name, else the root's.
  let name = chain ?? (last && identifierLike.test(last.edge) && (last.edgeType === 'context' || last.edgeType === 'property') ? last.edge : rootName);
  let nameEdgeType = chain ? 'context' : last?.edge === name ? last.edgeType : undefined;
  if (archetype === 'listener' && emitterName) {
    name = emitterName;
    nameEdgeType = path[eventsAt - 1].edgeType;
  }
  const chainIndex = chain ? path.findIndex(s => s.edgeType === 'context' && s.edge === chain) : -1;
  const anchorIndex = chain ? chainIndex : archetype === 'listener' && eventsAt > 0 ? eventsAt - 1 : path.length - 1;
  const picked = pickScript([owner.root?.location, ...locatedSteps(path, anchorIndex), ...locatedSteps(path, path.length - 1)], scripts);
  const rootKind = chain ? 'closure-variable' : rootKindFor(owner, archetype, nameEdgeType);
  const base = { owner, archetype, name, emitterName, eventName, rootKind, rootName: chain ?? (archetype === 'listener' ? eventName ?? rootName : rootName || name) };
  if (!picked) return base;
  const { script, loc } = picked;
  const offset = offsetOf(script, loc.line, loc.column);
  if (owner.ownerKind === 'context' && !chain) {
    const found = findContextChain(script, offset);
    if (found) {
      const name = found.declaration.id.name as string;
      const growth = { node: found.assignment, method: '=', statement: found.assignmentAncestors.at(-1)?.type === 'ExpressionStatement' ? found.assignmentAncestors.at(-1) : undefined, ancestors: found.assignmentAncestors };
      return { ...base, archetype: 'closure', name, rootName: name, rootKind: 'closure-variable', script, declaration: found.declaration, growth };
    }
  }
  let declaration: Declaration | undefined;
  if (nameEdgeType === 'property') declaration = findClassField(script, name, offset) ?? findPropertyAssignment(script, name) ?? findVariableDeclaration(script, name, offset);
  else declaration = findVariableDeclaration(script, name, offset) ?? findClassField(script, name, offset) ?? findPropertyAssignment(script, name);
  const callbackOffset = archetype === 'listener' || archetype === 'timer' ? callbackOffsetOf(owner, script) : undefined;
  const growth = findGrowthSite(script, {
    name,
    ownerKind: archetype === 'listener' ? 'listeners' : archetype === 'timer' ? 'timers' : chain ? 'chain' : owner.ownerKind,
    eventName,
    emitterName,
    callbackOffset,
  });
  return { ...base, script, declaration, growth };
}

function callbackOffsetOf(owner: GrowingOwner, script: ParsedScript): number | undefined {
  const loc = owner.root?.location;
  if (loc && script.file && loc.scriptName && offsetOf(script, loc.line, loc.column) >= 0) return offsetOf(script, loc.line, loc.column);
  const closure = [...owner.retainerPath].reverse().find(s => s.nodeType === 'closure' && s.location);
  return closure?.location ? offsetOf(script, closure.location.line, closure.location.column) : undefined;
}

/** Ranked suspects for a ladder; `rungTimes` are the snapshot times in seconds. */
export function attribute(ladder: LadderResult, rungTimes: number[], scripts: ScriptCache, maxSuspects = 5): Attribution[] {
  const span = Math.max(1e-3, (rungTimes.at(-1) ?? 1) - (rungTimes[0] ?? 0));
  // Owners that gained entries themselves; their ancestors (global, timer lists, contexts) only
  // retain the same growth and would point at the wrong code.
  const own = ladder.owners.filter(o => o.retainedDelta > 0 && o.countDelta > 0 && o.monotonic);
  // Growth that adds no entries (a chain of closure contexts) shows as a scope whose retained
  // size rises at every rung.
  const rising = (o: GrowingOwner) => o.retainedSizes.every((v, i) => i === 0 || v > o.retainedSizes[i - 1]);
  const growing = own.length ? own : ladder.owners.filter(o => o.retainedDelta > 0 && !/^global\b/.test(o.className) && (o.monotonic || o.countDelta > 0 || (o.ownerKind === 'context' && rising(o))));
  const out: Attribution[] = [];
  const seen = new Set<string>();
  for (const owner of [...growing].sort((a, b) => b.retainedDelta - a.retainedDelta)) {
    const r = resolveOwner(owner, scripts);
    const declLoc = r.script && r.declaration ? originalLocation(r.script, r.declaration.id.start) : undefined;
    const growthLoc = r.script && r.growth ? originalLocation(r.script, r.growth.node.start) : undefined;
    const rootLoc: SourceLocation | undefined = (r.archetype === 'listener' || r.archetype === 'timer') ? growthLoc ?? declLoc : declLoc ?? growthLoc;
    const key = `${r.name}@${rootLoc?.file}:${rootLoc?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const suspect: Suspect = {
      rank: out.length + 1,
      className: owner.className,
      archetype: r.archetype,
      countDelta: owner.countDelta,
      retainedDelta: owner.retainedDelta,
      growthBytesPerSec: owner.retainedDelta / span,
      retainerPath: owner.retainerPath.map(s => ({ edge: s.edge, edgeType: s.edgeType, node: s.node, nodeType: s.nodeType })),
      root: { name: r.rootName || r.name, kind: r.rootKind, ...(rootLoc ? { location: rootLoc } : {}) },
      ...(growthLoc ? { growthSite: { location: growthLoc } } : {}),
      collectionSizes: owner.sizes,
      retainedSizes: owner.retainedSizes,
    };
    out.push({ suspect, owner, archetype: r.archetype, name: r.name, script: r.script, declaration: r.declaration, growth: r.growth, emitterName: r.emitterName, eventName: r.eventName });
    if (out.length >= maxSuspects) break;
  }
  return out;
}
