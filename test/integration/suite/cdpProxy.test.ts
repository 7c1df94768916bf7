// Inside the real extension host: a js-debug `node` session on a fixture app, js-debug's CDP
// proxy for its child session, and a forced GC + heap usage + heap snapshot through it.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LeakHunterApi } from '../../../src/extension/main';

const log = (...a: unknown[]) => console.log('[lh]', ...a);

async function activateApi(): Promise<LeakHunterApi> {
  const ext = vscode.extensions.getExtension<LeakHunterApi>('leak-hunter.leak-hunter');
  assert.ok(ext, 'extension leak-hunter.leak-hunter is not loaded');
  return ext.activate();
}

describe('js-debug CDP proxy', function () {
  let api: LeakHunterApi;
  let child: vscode.DebugSession | undefined;

  before(async function () {
    api = await activateApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    const started = await vscode.debug.startDebugging(folder, {
      type: 'node',
      request: 'launch',
      name: 'alloc',
      program: path.join(folder.uri.fsPath, 'alloc.js'),
      console: 'internalConsole',
      skipFiles: ['<node_internals>/**'],
    });
    assert.strictEqual(started, true, 'startDebugging returned false');
    child = await api.sessions.waitForConcrete(undefined, 30_000);
    assert.ok(child, 'no concrete (child) Node session started within 30 s');
    log('child session', child.name, child.type);
  });

  after(async function () {
    await vscode.debug.stopDebugging();
  });

  it('marks only the child as concrete, and the tracker resolves the launcher to its child', function () {
    assert.ok(child!.parentSession, 'the concrete session should have a parent (the launcher)');
    const concrete = api.sessions.concreteNodeSessions();
    assert.deepStrictEqual(concrete.map(s => s.id), [child!.id]);
  });

  it('forces a GC and reads heap usage through the proxy', async function () {
    const address = await api.requestCdpProxy(child!);
    assert.strictEqual(address.host, '127.0.0.1');
    assert.match(address.path, /^\/[0-9a-f]{40}$/);
    const conn = await api.connectToProxy(address);
    try {
      assert.strictEqual(conn.borrowed, true);
      await conn.send('HeapProfiler.collectGarbage');
      const usage = await conn.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
      log('heap usage after GC', usage);
      assert.ok(usage.usedSize > 1_000_000, `implausible usedSize ${usage.usedSize}`);
      assert.ok(usage.totalSize >= usage.usedSize);
      const version = await conn.send<{ result: { value: string } }>('Runtime.evaluate', { expression: 'process.version', returnByValue: true });
      assert.match(version.result.value, /^v\d+\./);
      // js-debug owns this session: state-changing commands are refused before they reach it.
      await assert.rejects(conn.send('Debugger.disable'), /must not be sent/);
    } finally {
      conn.dispose();
    }
  });

  it('streams a heap snapshot through the proxy once HeapProfiler events are subscribed', async function () {
    const conn = await api.connectToProxy(await api.requestCdpProxy(child!));
    let chunks = 0;
    let text = '';
    const listening = conn.on('HeapProfiler.addHeapSnapshotChunk', (p: { chunk: string }) => {
      chunks++;
      // Keep only a bounded tail: enough to check the strings section without holding the snapshot.
      text = (text + p.chunk).slice(-4_000_000);
    });
    try {
      await conn.send('HeapProfiler.enable');
      await conn.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      listening.dispose();
      conn.dispose();
    }
    log('snapshot chunks', chunks);
    assert.ok(chunks > 10, `expected many snapshot chunks, got ${chunks}`);
    assert.ok(text.includes('"LeakyThing"'), 'the fixture class is missing from the snapshot strings');
  });

  it('refuses a launcher session instead of hanging', async function () {
    const parent = child!.parentSession!;
    const started = Date.now();
    await assert.rejects(api.requestCdpProxy(parent), /did not hand out a CDP connection|not a JavaScript debug session/);
    assert.ok(Date.now() - started < 15_000);
  });
});
