import * as vscode from 'vscode';
import CDP from 'chrome-remote-interface';
import { LeakHunterError } from '../../core/common/errors';
import { withTimeout } from '../../core/common/cancellation';

/** Where js-debug's CDP proxy listens: a bare websocket server on loopback with a random path. */
export interface CdpProxyAddress {
  host: string;
  port: number;
  path: string;
}

export type CdpClient = CDP.Client;

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
 * Connects to the proxy. The proxy is js-debug's own session (borrowed): callers must not send
 * `*.disable`, `Debugger.resume` or `setSkipAllPauses` through it. It forwards no events unless
 * subscribed, so the HeapProfiler events are subscribed here, before anyone takes a snapshot;
 * otherwise every snapshot chunk would be dropped silently.
 */
export async function connectToProxy(address: CdpProxyAddress, events: string[] = ['HeapProfiler.*']): Promise<CdpClient> {
  // local: the proxy does not serve /json/protocol, so use the protocol bundled with the client.
  const client = await CDP({ host: address.host, port: address.port, target: address.path, local: true });
  try {
    await client.send('JsDebug.subscribe' as never, { events } as never);
  } catch (e) {
    await client.close();
    throw e;
  }
  return client;
}
