import * as vscode from 'vscode';

/** Debug types js-debug uses for Node targets (`node` is an alias that resolves to `pwa-node`). */
export const NODE_DEBUG_TYPES = new Set(['pwa-node', 'node', 'node-terminal']);

/**
 * A js-debug session that owns a real target. Launches create a parent "launcher" session with
 * no CDP behind it plus one child per process; only the child answers requestCDPProxy (the
 * parent never replies at all), and js-debug marks it with `__pendingTargetId`.
 */
export function isConcreteNodeSession(session: vscode.DebugSession): boolean {
  return NODE_DEBUG_TYPES.has(session.type) && !!session.configuration.__pendingTargetId;
}

/** Tracks live debug sessions so commands can find concrete Node targets without races. */
export class DebugSessionTracker implements vscode.Disposable {
  private readonly sessions = new Map<string, vscode.DebugSession>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor() {
    if (vscode.debug.activeDebugSession) this.add(vscode.debug.activeDebugSession);
    this.subscriptions.push(
      vscode.debug.onDidStartDebugSession(s => this.add(s)),
      vscode.debug.onDidTerminateDebugSession(s => {
        if (this.sessions.delete(s.id)) this.changed.fire();
      }),
      this.changed,
    );
  }

  private add(session: vscode.DebugSession): void {
    this.sessions.set(session.id, session);
    this.changed.fire();
  }

  /** A tracked session by id (the Call Stack view passes session ids to its menu commands). */
  byId(id: string): vscode.DebugSession | undefined {
    return this.sessions.get(id);
  }

  /** Concrete Node sessions, the active one (or the active one's child) first. */
  concreteNodeSessions(): vscode.DebugSession[] {
    const active = vscode.debug.activeDebugSession;
    const all = [...this.sessions.values()].filter(isConcreteNodeSession);
    const rank = (s: vscode.DebugSession) => (s.id === active?.id ? 0 : s.parentSession?.id === active?.id ? 1 : 2);
    return all.sort((a, b) => rank(a) - rank(b));
  }

  /** Ids of the sessions running now: pass to waitForConcrete to wait for a *new* one. */
  snapshotIds(): Set<string> {
    return new Set(this.sessions.keys());
  }

  /**
   * Resolves when a concrete child of `parent` (or any concrete session not in `exclude`) starts,
   * or undefined on timeout. `exclude` matters after a restart: the old session may not have
   * ended yet and must not be mistaken for the new one.
   */
  waitForConcrete(parent: vscode.DebugSession | undefined, timeoutMs: number, exclude: ReadonlySet<string> = new Set()): Promise<vscode.DebugSession | undefined> {
    const match = (s: vscode.DebugSession) =>
      isConcreteNodeSession(s) && !exclude.has(s.id) && (!parent || s.parentSession?.id === parent.id || s.id === parent.id);
    const existing = [...this.sessions.values()].find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(undefined);
      }, timeoutMs);
      const sub = vscode.debug.onDidStartDebugSession(s => {
        if (match(s)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(s);
        }
      });
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.sessions.clear();
  }
}

/**
 * Picks the concrete Node session to hunt in: the given one (or its child), the only one,
 * or the user's choice when several run. Returns undefined when there is none or the user cancels.
 */
export async function pickNodeSession(
  tracker: DebugSessionTracker,
  hint?: vscode.DebugSession,
): Promise<vscode.DebugSession | undefined> {
  const sessions = tracker.concreteNodeSessions();
  if (hint) {
    if (isConcreteNodeSession(hint)) return hint;
    const children = sessions.filter(s => s.parentSession?.id === hint.id);
    if (children.length === 1) return children[0];
  }
  if (sessions.length <= 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map(s => ({ label: s.name, description: s.parentSession?.name, session: s })),
    { title: 'Hunt Leak: which Node process?', placeHolder: 'Several Node debug sessions are running' },
  );
  return picked?.session;
}
