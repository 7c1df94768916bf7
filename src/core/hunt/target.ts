/**
 * What the hunt runs against: a program it launches, a process it attaches to, or a CDP
 * connection supplied by the caller (the extension passes js-debug's proxy or its own socket).
 */
import { IDisposable } from '../common/disposable';
import { LeakHunterError } from '../common/errors';
import { resolveAttachTarget } from '../cdp/attach';
import { connectWebSocket, type CdpConnection } from '../cdp/connection';
import { launchNode, type LaunchedTarget } from '../cdp/launch';
import { TargetSession } from '../cdp/session';

export type TargetSpec =
  | { kind: 'launch'; command: string[]; cwd?: string; env?: NodeJS.ProcessEnv }
  | { kind: 'attach'; endpoint: string }
  | { kind: 'connection'; connect: () => Promise<CdpConnection>; description?: string };

export interface OpenTarget extends IDisposable {
  session: TargetSession;
  launched?: LaunchedTarget;
  info: { nodeVersion?: string; pid?: number; command?: string[]; attach?: string; cwd?: string };
  /** Why the target is gone, when it is: exit code and the last lines it printed. */
  goneReason(): string | undefined;
}

/** Opens the target and initialises a TargetSession on it. */
export async function openTarget(spec: TargetSpec, onOutput?: (text: string, stream: 'stdout' | 'stderr') => void): Promise<OpenTarget> {
  let launched: LaunchedTarget | undefined;
  let conn: CdpConnection;
  let exitText: string | undefined;
  if (spec.kind === 'launch') {
    launched = await launchNode({ command: spec.command, cwd: spec.cwd, env: spec.env, onOutput });
    void launched.exited.then(info => {
      const tail = launched!.stderrTail();
      exitText = `the program exited (${info.signal ? `signal ${info.signal}` : `code ${info.code}`})${tail ? `; its last output:\n${tail}` : ''}`;
    });
    try {
      conn = await connectWebSocket(launched.wsUrl);
    } catch (e) {
      await launched.shutdown();
      throw e;
    }
  } else if (spec.kind === 'attach') {
    conn = await connectWebSocket(await resolveAttachTarget(spec.endpoint));
  } else {
    conn = await spec.connect();
  }
  const session = new TargetSession(conn);
  // Node keeps an exiting program alive until its debugger disconnects: let it go.
  void launched?.exiting.then(() => conn.dispose());
  const dispose = () => {
    session.dispose();
    conn.dispose();
    void launched?.shutdown();
  };
  try {
    await session.initialize();
    const d = await session.describe();
    if (!d?.nodeVersion) throw new LeakHunterError('not-node', 'the target does not look like Node.js (no process.version)');
    return {
      session,
      launched,
      info: { nodeVersion: d.nodeVersion, pid: d.pid, command: spec.kind === 'launch' ? spec.command : d.argv, attach: spec.kind === 'attach' ? spec.endpoint : spec.kind === 'connection' ? spec.description : undefined, cwd: d.cwd },
      goneReason: () => exitText ?? (conn.closed ? 'the inspector connection closed (the target exited or detached)' : undefined),
      dispose,
    };
  } catch (e) {
    dispose();
    if (e instanceof LeakHunterError) throw e;
    throw new LeakHunterError('not-node', `the target did not answer like a Node.js process: ${(e as Error).message}`);
  }
}
