import type { ScriptLocation } from '../model';
import type { HeapGraph } from './heapGraph';

/**
 * Source locations of closures and class instances. Script names come from the snapshot:
 * closure → shared (SharedFunctionInfo) → script_or_debug_info (Node 20) / script (22+) → Script.
 */
export class Locations {
  private scriptNames?: Map<number, string>;

  constructor(private readonly g: HeapGraph) {}

  /** 1-based location of a closure or class instance, or undefined when the snapshot has none. */
  of(n: number): ScriptLocation | undefined {
    const row = this.g.locationRow(n);
    if (row < 0) return undefined;
    const loc = this.g.d.locations;
    const scriptId = loc[row + 1];
    return { scriptName: this.scriptName(scriptId, n), scriptId, line: loc[row + 2] + 1, column: loc[row + 3] + 1 };
  }

  /** Script name for a script id: from this closure when possible, else from any closure of that script. */
  scriptName(scriptId: number, hint = -1): string {
    if (hint >= 0 && this.g.d.nodeType[hint] === this.g.t.closure) {
      const s = this.scriptOfClosure(hint);
      if (s !== undefined) return s;
    }
    if (!this.scriptNames) this.scriptNames = this.buildScriptNames();
    return this.scriptNames.get(scriptId) ?? '';
  }

  /** Script name of a closure, or undefined when the chain is missing. */
  scriptOfClosure(closure: number): string | undefined {
    const g = this.g;
    const shared = g.child(closure, g.t.edgeInternal, 'shared');
    if (shared < 0) return undefined;
    let script = g.child(shared, g.t.edgeInternal, 'script');
    if (script < 0) script = g.child(shared, g.t.edgeInternal, 'script_or_debug_info');
    if (script < 0) return undefined;
    // With debug info attached, the Script hangs one level further down.
    if (g.name(script) === 'system / DebugInfo' || g.type(script) === 'hidden') {
      const inner = g.child(script, g.t.edgeInternal, 'script');
      if (inner >= 0) script = inner;
    }
    const name = g.name(script);
    if (name) return name;
    const nameNode = g.child(script, g.t.edgeInternal, 'name');
    return nameNode >= 0 ? g.name(nameNode) : undefined;
  }

  private buildScriptNames(): Map<number, string> {
    const out = new Map<number, string>();
    const loc = this.g.d.locations;
    const closure = this.g.t.closure;
    for (let i = 0; i < loc.length; i += 4) {
      const n = loc[i];
      const id = loc[i + 1];
      if (out.has(id) || this.g.d.nodeType[n] !== closure) continue;
      const s = this.scriptOfClosure(n);
      if (s) out.set(id, s);
    }
    return out;
  }
}

/** True for scripts written by the user: not Node internals, not eval'd or nameless code. */
export function isUserScript(name: string | undefined): boolean {
  if (!name) return false;
  if (name.startsWith('node:') || name.startsWith('internal/')) return false;
  return !/[\\/]node_modules[\\/]/.test(name);
}
