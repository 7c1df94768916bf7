import * as vscode from 'vscode';
import { LeakHunterError } from '../../core/common/errors';
import { withTimeout } from '../../core/common/cancellation';
import { connectWebSocket, type CdpConnection } from '../../core/cdp/connection';

/** Where js-debug's CDP proxy listens: a bare websocket server on loopback with a random path. */
export interface CdpProxyAddress {
  host: string;
  port: number;
  path: string;
}

const REQUEST_PROXY_TIMEOUT_MS = 10_000;

/**
 * Asks js-debug for the CDP proxy of a *concrete* session. Never pass `forwardToUi`: under a
 * remote authority (code-server) it returns a broken address, and this extension runs on the
 * workspace side next to js-debug anyway. A timeout guards against a launcher session, which
 * never answers.
 */
export async function requestCdpProxy(session: vscode.DebugSession): Promise<CdpProxyAddress> {
  const address = await withTimeout(
    Promise.resolve(vscode.commands.executeCommand<CdpProxyAddress | undefined>('extension.js-debug.requestCDPProxy', session.id)),
    REQUEST_PROXY_TIMEOUT_MS,
    `js-debug did not hand out a CDP connection for "${session.name}" within ${REQUEST_PROXY_TIMEOUT_MS / 1000} s. Pick the Node process itself (the child session in the Call Stack view), not its launcher.`,
  );
  if (!address || typeof address.port !== 'number' || !address.path) {
    throw new LeakHunterError(
      'no-cdp-proxy',
      `"${session.name}" is not a JavaScript debug session js-debug knows about (requestCDPProxy returned ${JSON.stringify(address)}).`,
    );
  }
  return address;
}

/**
 * Connects to the proxy as a *borrowed* connection: js-debug owns the session, so the connection
 * refuses `*.disable`, `Debugger.resume` and `setSkipAllPauses`. The proxy forwards no events
 * unless subscribed, and subscriptions add up in js-debug, so `events` are subscribed exactly
 * once here (before anyone takes a snapshot: unsubscribed chunks are dropped silently).
 */
export async function connectToProxy(address: CdpProxyAddress, events: readonly string[] = ['HeapProfiler.*']): Promise<CdpConnection> {
  const conn = await connectWebSocket(proxyUrl(address), { borrowed: true });
  try {
    if (events.length > 0) await conn.send('JsDebug.subscribe', { events: [...events] });
  } catch (e) {
    conn.dispose();
    throw e;
  }
  return conn;
}

/** The proxy's WebSocket URL. Its path is a secret: log it through `redact`. */
export function proxyUrl(address: CdpProxyAddress): string {
  return `ws://${address.host}:${address.port}${address.path}`;
}
