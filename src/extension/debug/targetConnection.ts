import * as vscode from 'vscode';
import { connectWebSocket, type CdpConnection } from '../../core/cdp/connection';
import { toDisposable } from '../../core/common/disposable';
import { connectToProxy, requestCdpProxy } from './cdpProxy';
import { readSetting } from '../config';

/** How the hunt reaches the debuggee. */
export interface TargetConnection {
  conn: CdpConnection;
  /** `own`: an independent inspector session (proxy only for pauses); `proxy`: js-debug's shared session. */
  mode: 'own' | 'proxy';
}

const PAUSE_EVENTS = ['Debugger.paused', 'Debugger.resumed'];
const INSPECTOR_URL =
  "(globalThis.process?.getBuiltinModule?.('inspector') ?? globalThis.process?.mainModule?.require('inspector'))?.url() ?? ''";

function isLoopback(wsUrl: string): boolean {
  try {
    const host = new URL(wsUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/**
 * Connects to a js-debug session's target. Heavy work (GC, samples, snapshots) goes over an
 * independent inspector session when the debuggee's inspector is on loopback, so js-debug's
 * own session is untouched; pause state still comes from js-debug's proxy, because our session
 * skips pauses and so never hears of them. Without a loopback inspector the proxy does it all,
 * as a borrowed session (no *.disable, resume or setSkipAllPauses).
 */
export async function connectToDebugTarget(session: vscode.DebugSession, log: vscode.LogOutputChannel): Promise<TargetConnection> {
  const address = await requestCdpProxy(session);
  const proxy = await connectToProxy(address, []);
  try {
    // No JsDebug.subscribe yet: subscriptions add up in js-debug (each one forwards every event
    // again), so each mode subscribes exactly once — the hunt's session does it on the proxy.
    const evaluated = await proxy.send<{ result: { value?: string } }>('Runtime.evaluate', { expression: INSPECTOR_URL, returnByValue: true, silent: true });
    const url = evaluated.result.value ?? '';
    if (!readSetting('cdp.preferOwnSession')) {
      log.info("leakHunter.cdp.preferOwnSession is off: hunting through js-debug's proxy");
      return { conn: proxy, mode: 'proxy' };
    }
    if (url && isLoopback(url)) {
      const own = await connectWebSocket(url);
      await proxy.send('JsDebug.subscribe', { events: PAUSE_EVENTS });
      log.info(`hunting over an own inspector session on ${new URL(url).host}; js-debug's session is only watched for pauses`);
      return { conn: withPausesFrom(own, proxy), mode: 'own' };
    }
    log.info(url ? `the debuggee's inspector is not on loopback (${new URL(url).host}): hunting through js-debug's proxy` : "no inspector URL from the debuggee: hunting through js-debug's proxy");
    return { conn: proxy, mode: 'proxy' };
  } catch (e) {
    proxy.dispose();
    throw e;
  }
}

/** `own` for everything except pause events, which come from the (borrowed) proxy. */
function withPausesFrom(own: CdpConnection, proxy: CdpConnection): CdpConnection {
  const closeProxy = own.onClose(() => proxy.dispose());
  const conn: CdpConnection = {
    borrowed: false,
    get closed() {
      return own.closed;
    },
    send: (method, params) => own.send(method, params),
    on(event, listener) {
      if (!PAUSE_EVENTS.includes(event)) return own.on(event, listener);
      const sub = proxy.on(event, listener);
      // Debugger.enable through the proxy replays the latest Debugger.paused, if the user is stopped now.
      if (event === 'Debugger.paused') void proxy.send('Debugger.enable').catch(() => undefined);
      return toDisposable(() => sub.dispose());
    },
    onClose: listener => own.onClose(listener),
    dispose() {
      closeProxy.dispose();
      own.dispose();
      proxy.dispose();
    },
  };
  return conn;
}
