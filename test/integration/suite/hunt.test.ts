// Hunt Leak inside the real VS Code: js-debug sessions on fixture programs, the same hunt as the
// CLI driven by the extension, analysis in the language server, results in the panel.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Report } from '../../../src/shared/report';
import { activateApi, log, screenshot, waitFor, workspaceFolder } from './util';

async function startNode(program: string, env: Record<string, string> = {}): Promise<vscode.DebugSession> {
  const api = await activateApi();
  const folder = workspaceFolder();
  const existing = api.sessions.snapshotIds();
  const ok = await vscode.debug.startDebugging(folder, {
    type: 'node',
    request: 'launch',
    name: path.basename(program),
    program: path.join(folder.uri.fsPath, program),
    console: 'internalConsole',
    env,
  });
  assert.strictEqual(ok, true, `could not start ${program}`);
  const child = await api.sessions.waitForConcrete(undefined, 30_000, existing);
  assert.ok(child, `no Node child session for ${program}`);
  return child;
}

async function hunt(session: vscode.DebugSession | string, budgetSec: number, workload: object = { kind: 'none' }): Promise<Report | undefined> {
  return vscode.commands.executeCommand<Report | undefined>('leakHunter.huntLeak', session, {
    workload,
    timeBudgetSec: budgetSec,
    sampleIntervalMs: 500,
    snapshotCount: 3,
  });
}

describe('Hunt Leak in a debug session', function () {
  this.timeout(240_000);
  afterEach(async () => {
    await vscode.debug.stopDebugging();
    await new Promise(r => setTimeout(r, 1000));
  });

  it('drives leaky-handler.js with an expression workload, confirms the leak, names `sessions` at its declaration, and feeds the panel', async function () {
    const api = await activateApi();
    const session = await startNode('leaky-handler.js');
    const report = await hunt(session, 60, { kind: 'expr', expression: 'handleRequest()', rate: 120 });
    assert.ok(report, 'the hunt returned no report');
    log('verdict', report.verdict, report.trend.slopeBytesPerSec, report.suspects.map(s => `${s.className} ${s.root.name} ${s.root.location?.line}`));
    assert.strictEqual(report.verdict, 'leak');
    assert.ok(report.snapshots.length >= 3, 'a ladder of at least 3 snapshots');
    for (const s of report.snapshots) assert.ok(fs.statSync(s.file).size > 100_000, `snapshot ${s.file} on disk`);
    const top = report.suspects[0];
    assert.ok(top, 'at least one suspect');
    assert.strictEqual(top.root.name, 'sessions');
    assert.ok(top.root.location, 'the root has a source location');
    assert.strictEqual(path.basename(top.root.location.file), 'leaky-handler.js');
    assert.strictEqual(top.root.location.line, 3, 'declared on line 3: const sessions = new Map()');
    assert.ok(top.fix && top.fix.edits.length > 0, 'a fix with edits');

    const posted = api.panelMessages() as any[];
    assert.ok(posted.some(m => m.type === 'samples'), 'the panel received live samples');
    assert.ok(posted.some(m => m.type === 'snapshot'), 'the panel received snapshot markers');
    assert.ok(posted.some(m => m.type === 'state' && m.report.verdict === 'leak' && m.report.suspects.length > 0), 'the panel received the final report');
    const state = api.ctx.state;
    assert.ok(state.files?.reportFile && fs.existsSync(state.files.reportFile), 'report.json saved next to the snapshots');
    assert.ok(state.report.comparison && state.report.comparison.total > 10, 'the comparison is available for paging');

    const diagnostics = await waitFor('a diagnostic at the root', () =>
      vscode.languages.getDiagnostics(vscode.Uri.file(top.root.location!.file)).find(d => d.code === 'retaining-root'),
    );
    assert.strictEqual(diagnostics.range.start.line, 2);

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(top.root.location.file));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: diagnostics.range });
    await vscode.commands.executeCommand('leakHunter.retainers.focus');
    await screenshot('hunt-in-vscode');
  });

  it('waits while the program is paused, clears the bounded cache in plateau-lru.js, and breakpoints and stepping still work afterwards', async function () {
    const api = await activateApi();
    const program = path.join(workspaceFolder().uri.fsPath, 'plateau-lru.js');
    const bp = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(17, 2)));
    const stoppedFrame = () => {
      const item = vscode.debug.activeStackItem;
      return item instanceof vscode.DebugStackFrame ? item : undefined;
    };
    vscode.debug.addBreakpoints([bp]);
    const session = await startNode('plateau-lru.js');
    try {
      // 1. Paused at a breakpoint when the hunt starts: the hunt says so and waits.
      const first = await waitFor('the program to stop at the breakpoint', stoppedFrame, 20_000);
      vscode.debug.removeBreakpoints([bp]);
      // By id, as the Call Stack view's context menu passes the session.
      const pending = hunt(session.id, 60);
      await waitFor('the hunt to say the program is paused', () => /paused/i.test(api.ctx.state.status.message ?? ''), 20_000);
      await first.session.customRequest('continue', { threadId: first.threadId });
      const report = await pending;
      assert.ok(report);
      log('plateau verdict', report.verdict, report.trend.slopeBytesPerSec, report.trend.reason);
      assert.strictEqual(report.verdict, 'no-leak');

      // 2. After the hunt the user's debugging still works: a new breakpoint is hit, stepping works.
      const loop = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(15, 2)));
      vscode.debug.addBreakpoints([loop]);
      const frame = await waitFor('the breakpoint to be hit after the hunt', stoppedFrame, 20_000);
      const top = async () => (await frame.session.customRequest('stackTrace', { threadId: frame.threadId, levels: 1 })).stackFrames[0];
      const at = await top();
      log('stopped at', at.name, at.line);
      assert.strictEqual(at.line, 16, 'stopped on `let handled = 0` in tick()');
      assert.match(at.name, /\btick\b/, 'stopped in tick()');
      vscode.debug.removeBreakpoints([loop]);
      // Step over one statement: the next stop is the following line of the same function.
      await frame.session.customRequest('next', { threadId: frame.threadId });
      const stepped = await waitFor('the step to stop on line 17', async () => {
        const f = await Promise.resolve(top()).catch(() => undefined);
        return f && f.line === 17 ? f : undefined;
      }, 15_000);
      assert.match(stepped.name, /\btick\b/);
      await frame.session.customRequest('continue', { threadId: frame.threadId });
    } finally {
      vscode.debug.removeBreakpoints([bp]);
    }
  });

  it('says clearly when the debuggee exits mid-hunt, and keeps what it captured', async function () {
    const api = await activateApi();
    const session = await startNode('exits-soon.js', { EXIT_AFTER_MS: '7000' });
    const report = await hunt(session, 60);
    assert.strictEqual(report, undefined, 'no final report from a hunt whose target exited');
    const state = api.ctx.state;
    log('status after exit', state.status.phase, state.status.message);
    assert.strictEqual(state.status.phase, 'failed');
    assert.match(state.status.message ?? '', /exit|gone|closed|disconnect/i);
    assert.ok(state.report.samples.length > 3, 'the samples taken before the exit are kept');
    assert.ok(state.files?.dir && fs.existsSync(state.files.dir), 'the hunt folder is kept');
    if (state.files?.reportFile) assert.ok(fs.existsSync(state.files.reportFile), 'the partial report is on disk');
  });
});

describe('Hunt Leak through js-debug\'s proxy only', function () {
  this.timeout(240_000);
  const config = () => vscode.workspace.getConfiguration('leakHunter');
  before(async () => config().update('cdp.preferOwnSession', false, vscode.ConfigurationTarget.Global));
  after(async () => {
    await config().update('cdp.preferOwnSession', undefined, vscode.ConfigurationTarget.Global);
    await vscode.debug.stopDebugging();
  });

  it('confirms and attributes the leak over the borrowed session, and js-debug keeps working', async function () {
    const session = await startNode('leaky-cache.js');
    const report = await hunt(session, 60);
    assert.ok(report);
    log('proxy-only verdict', report.verdict, report.suspects.map(s => `${s.root.name}:${s.root.location?.line}`));
    assert.strictEqual(report.verdict, 'leak');
    assert.ok(report.snapshots.length >= 3, 'snapshot chunks arrived through the proxy');
    assert.strictEqual(report.suspects[0]?.root.name, 'sessions');
    assert.strictEqual(report.suspects[0]?.root.location?.line, 3);
    // js-debug's own session still answers after we borrowed it (nothing was disabled).
    const threads = await session.customRequest('threads');
    assert.ok(threads.threads.length >= 1);
    const evaluated = await session.customRequest('evaluate', { expression: '6 * 7', context: 'repl' });
    assert.strictEqual(evaluated.result, '42');
  });
});
