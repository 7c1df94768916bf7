/**
 * A CDP connection as the hunt sees it: commands, events, close. Implemented over
 * chrome-remote-interface for a direct inspector socket; the extension supplies another over
 * js-debug's proxy. A *borrowed* connection is someone else's session (js-debug's own): the
 * hunt must never send `*.disable`, `Debugger.resume` or `Debugger.setSkipAllPauses` on it.
 */
import CDP from 'chrome-remote-interface';
import { IDisposable, toDisposable } from '../common/disposable';
import { LeakHunterError } from '../common/errors';

export interface CdpConnection extends IDisposable {
  /** True for a session shared with a debugger (js-debug's proxy): state-changing commands are forbidden. */
  readonly borrowed: boolean;
  send<T = any>(method: string, params?: Record<string, unknown>): Promise<T>;
  on(event: string, listener: (params: any) => void): IDisposable;
  /** Fires once when the socket closes (target exited or connection dropped). */
  onClose(listener: () => void): IDisposable;
  readonly closed: boolean;
}

const forbiddenOnBorrowed = /(\.disable$|^Debugger\.resume$|^Debugger\.setSkipAllPauses$|^Debugger\.pause$)/;

/** Throws when a command would change the state of a borrowed (debugger-owned) session. */
export function assertAllowed(conn: Pick<CdpConnection, 'borrowed'>, method: string): void {
  if (conn.borrowed && forbiddenOnBorrowed.test(method)) {
    throw new LeakHunterError('cdp-forbidden', `${method} must not be sent on a debugger's shared session`);
  }
}

/** Opens a direct CDP connection to a WebSocket debugger URL. */
export async function connectWebSocket(wsUrl: string, options: { borrowed?: boolean } = {}): Promise<CdpConnection> {
  let client: CDP.Client;
  try {
    client = await CDP({ target: wsUrl, local: true });
  } catch (e) {
    throw new LeakHunterError('cdp-connect', `cannot connect to the inspector at ${redact(wsUrl)}: ${(e as Error).message}`);
  }
  return wrapClient(client, options.borrowed ?? false);
}

/** Hides the secret path of a proxy URL in messages. */
export function redact(wsUrl: string): string {
  try {
    const u = new URL(wsUrl);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid url)';
  }
}

function wrapClient(client: CDP.Client, borrowed: boolean): CdpConnection {
  const raw = client as unknown as {
    send(method: string, params?: object): Promise<any>;
    on(event: string, l: (...a: any[]) => void): void;
    removeListener(event: string, l: (...a: any[]) => void): void;
    close(): Promise<void>;
  };
  let closed = false;
  const closeListeners = new Set<() => void>();
  let rejectPending: (e: Error) => void = () => undefined;
  // Pending commands fail as soon as the socket goes, instead of waiting forever.
  const closedSignal = new Promise<never>((_, reject) => (rejectPending = reject));
  closedSignal.catch(() => undefined);
  const markClosed = () => {
    rejectPending(new LeakHunterError('target-gone', 'the inspector connection closed'));
    for (const l of [...closeListeners]) l();
    closeListeners.clear();
  };
  raw.on('disconnect', () => {
    closed = true;
    markClosed();
  });
  const conn: CdpConnection = {
    borrowed,
    get closed() {
      return closed;
    },
    async send(method, params) {
      assertAllowed(conn, method);
      if (closed) throw new LeakHunterError('target-gone', `the target is gone (while sending ${method})`);
      return Promise.race([raw.send(method, params ?? {}), closedSignal]);
    },
    on(event, listener) {
      const l = (p: unknown) => listener(p);
      raw.on(event, l);
      return toDisposable(() => raw.removeListener(event, l));
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(listener);
        return toDisposable(() => undefined);
      }
      closeListeners.add(listener);
      return toDisposable(() => closeListeners.delete(listener));
    },
    dispose() {
      if (!closed) {
        closed = true;
        markClosed();
        raw.close().catch(() => undefined);
        // A target that is exiting waits for its debugger to disconnect and may never answer the
        // close handshake: drop the socket so it can finish exiting.
        const ws = (client as unknown as { _ws?: { terminate?: () => void } })._ws;
        setTimeout(() => ws?.terminate?.(), 300).unref();
      }
    },
  };
  return conn;
}
