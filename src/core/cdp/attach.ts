/** Attaching to a running Node process by inspector port or WebSocket URL (loopback only). */
import { LeakHunterError } from '../common/errors';

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Resolves `9229`, `host:port` or `ws://…` to the target's WebSocket debugger URL. */
export async function resolveAttachTarget(endpoint: string, timeoutMs = 5000): Promise<string> {
  const trimmed = endpoint.trim();
  if (/^wss?:\/\//.test(trimmed)) {
    assertLoopback(new URL(trimmed).hostname, trimmed);
    return trimmed;
  }
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(trimmed);
  if (!m) throw new LeakHunterError('usage', `--attach wants a port (9229), host:port or a ws:// URL, got "${endpoint}"`);
  const host = m[1] ?? '127.0.0.1';
  assertLoopback(host, trimmed);
  const url = `http://${host}:${m[2]}/json/list`;
  let list: { type?: string; webSocketDebuggerUrl?: string }[];
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    list = (await res.json()) as typeof list;
  } catch (e) {
    throw new LeakHunterError('attach', `no Node inspector answers at ${host}:${m[2]} (${(e as Error).message}); start the program with --inspect=127.0.0.1:${m[2]}`);
  }
  const target = list.find(t => t.type === 'node' && t.webSocketDebuggerUrl) ?? list.find(t => t.webSocketDebuggerUrl);
  if (!target?.webSocketDebuggerUrl) throw new LeakHunterError('attach', `the inspector at ${host}:${m[2]} lists no debuggable target`);
  return target.webSocketDebuggerUrl;
}

function assertLoopback(host: string, what: string): void {
  if (!loopback.has(host)) {
    throw new LeakHunterError('attach', `refusing to attach to ${what}: the inspector must listen on loopback (127.0.0.1), since any connection can run code in the process`);
  }
}
