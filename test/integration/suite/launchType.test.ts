// The `leak-hunt` launch type inside the real VS Code: F5 on a configuration runs the whole hunt
// through the inline adapter (analysis in the language server), prints to the Debug Console,
// saves the report, publishes diagnostics and ends by itself; and an interactive hunt can be
// saved as such a configuration in launch.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Report, VerifyResult } from '../../../src/shared/report';
import { activateApi, log, waitFor, workspaceFolder } from './util';

/** Records what the leak-hunt adapter sends to VS Code (what the Debug Console shows). */
function recordAdapterMessages(): { messages: DebugProtocol.ProtocolMessage[]; dispose(): void } {
  const messages: DebugProtocol.ProtocolMessage[] = [];
  const reg = vscode.debug.registerDebugAdapterTrackerFactory('leak-hunt', {
    createDebugAdapterTracker: () => ({ onDidSendMessage: (m: DebugProtocol.ProtocolMessage) => void messages.push(m) }),
  });
  return { messages, dispose: () => reg.dispose() };
}

const events = (messages: DebugProtocol.ProtocolMessage[], name: string) =>
  messages.filter((m): m is DebugProtocol.Event => m.type === 'event' && (m as DebugProtocol.Event).event === name);

describe('leak-hunt launch type', function () {
  this.timeout(300_000);

  it('F5 on leaky-cache.js reaches a leak verdict, reports in the Debug Console, saves the report and marks line 3', async function () {
    const api = await activateApi();
    const folder = workspaceFolder();
    const program = path.join(folder.uri.fsPath, 'leaky-cache.js');
    const recorder = recordAdapterMessages();
    try {
      let session: vscode.DebugSession | undefined;
      const started = vscode.debug.onDidStartDebugSession(s => s.type === 'leak-hunt' && (session = s));
      let ended = false;
      const terminated = vscode.debug.onDidTerminateDebugSession(s => (ended ||= s.type === 'leak-hunt'));
      const ok = await vscode.debug.startDebugging(folder, {
        type: 'leak-hunt',
        request: 'launch',
        name: 'Leak Hunt: leaky-cache.js',
        program: '${workspaceFolder}/leaky-cache.js',
        workload: 'none',
        timeBudget: 60,
        sampleInterval: 500,
        snapshots: 3,
      });
      assert.strictEqual(ok, true, 'the leak-hunt session started');
      await waitFor('the leak-hunt session to end by itself', () => ended, 240_000);
      started.dispose();
      terminated.dispose();
      assert.ok(session, 'a leak-hunt debug session ran');
      assert.strictEqual(session.configuration.timeBudget, 60);

      const output = events(recorder.messages, 'output').map(e => e.body.output).join('');
      log('leak-hunt console:\n' + output.split('\n').filter(l => !l.startsWith('[sampling]') || /\b(5|10) samples/.test(l)).join('\n'));
      assert.match(output, /\[launch\] node .*leaky-cache\.js/);
      assert.match(output, /\[sampling\] \d+ samples, .* slope [+−-]?[\d.]+ .* ± .*95% CI/);
      assert.match(output, /\[analysis\] analysing 3 snapshots/);
      assert.match(output, /LEAK: /);
      assert.match(output, /#1 [\w-]+: `sessions` \(module-variable\) at leaky-cache\.js:3:\d+/);
      assert.match(output, /Exit code 1 \(leak confirmed\)/);
      assert.strictEqual(events(recorder.messages, 'exited')[0]?.body.exitCode, 1);
      assert.strictEqual(events(recorder.messages, 'terminated').length, 1);

      const reportFile = /Report: (.+report\.json)/.exec(output)?.[1];
      assert.ok(reportFile && fs.existsSync(reportFile), `the report is saved (${reportFile})`);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
      assert.strictEqual(report.verdict, 'leak');
      assert.ok(report.snapshots.length >= 3 && report.snapshots.every(s => fs.existsSync(s.file)), 'the ladder is on disk');
      assert.strictEqual(api.ctx.state.files?.reportFile, reportFile, 'the panel shows this hunt');
      assert.strictEqual(api.ctx.state.final?.verdict, 'leak');
      const posted = api.panelMessages() as any[];
      assert.ok(posted.some(m => m.type === 'samples'), 'the panel received live samples');

      const diagnostic = await waitFor('a diagnostic at the retaining root', () =>
        vscode.languages.getDiagnostics(vscode.Uri.file(program)).find(d => d.code === 'retaining-root'),
      );
      assert.strictEqual(diagnostic.range.start.line, 2, 'on line 3: const sessions = new Map()');
    } finally {
      recorder.dispose();
      await vscode.debug.stopDebugging();
    }
  });

  it('Stop cancels the hunt, shuts the program down and keeps the capture on disk', async function () {
    const api = await activateApi();
    const folder = workspaceFolder();
    const recorder = recordAdapterMessages();
    try {
      let session: vscode.DebugSession | undefined;
      const started = vscode.debug.onDidStartDebugSession(s => s.type === 'leak-hunt' && (session = s));
      let ended = false;
      const terminated = vscode.debug.onDidTerminateDebugSession(s => (ended ||= s.type === 'leak-hunt'));
      assert.strictEqual(await vscode.debug.startDebugging(folder, { type: 'leak-hunt', request: 'launch', name: 'Leak Hunt: stop', program: '${workspaceFolder}/leaky-cache.js', timeBudget: 60, sampleInterval: 300 }), true);
      await waitFor('sampling to start', () => api.ctx.state.report.samples.length >= 5, 30_000);
      const output = () => events(recorder.messages, 'output').map(e => e.body.output).join('');
      const pid = Number(/leaky-cache started (\d+)/.exec(output())?.[1]);
      assert.ok(pid > 0, 'the program printed its pid');
      await vscode.debug.stopDebugging(session);
      await waitFor('the session to end', () => ended, 30_000);
      started.dispose();
      terminated.dispose();
      log('after Stop:', api.ctx.state.status.phase, output().split('\n').slice(-4).join(' | '));
      assert.strictEqual(api.ctx.state.status.phase, 'cancelled');
      assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the program is no longer running');
      const reportFile = api.ctx.state.files?.reportFile;
      assert.ok(reportFile && fs.existsSync(reportFile), 'the partial report is saved');
      const partial = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
      assert.ok(partial.trend.samples.length >= 5, 'with the samples taken before Stop');
    } finally {
      recorder.dispose();
      await vscode.debug.stopDebugging();
    }
  });

  it('F5 without a launch configuration hunts the file open in the editor, with the settings as defaults', async function () {
    await activateApi();
    const folder = workspaceFolder();
    const program = path.join(folder.uri.fsPath, 'leaky-cache.js');
    await vscode.window.showTextDocument(vscode.Uri.file(program));
    let session: vscode.DebugSession | undefined;
    const started = vscode.debug.onDidStartDebugSession(s => s.type === 'leak-hunt' && (session = s));
    try {
      // What VS Code passes once Leak Hunter is picked as the debugger and there is no launch.json.
      assert.strictEqual(await vscode.debug.startDebugging(folder, { type: 'leak-hunt', name: '', request: '' }), true);
      await waitFor('the session to start', () => session, 10_000);
      const c = session!.configuration;
      log('resolved configuration', JSON.stringify(c));
      assert.strictEqual(c.program, program);
      assert.strictEqual(c.request, 'launch');
      assert.strictEqual(c.cwd, folder.uri.fsPath);
      const settings = vscode.workspace.getConfiguration('leakHunter', folder.uri);
      assert.strictEqual(c.timeBudget, settings.get('hunt.timeBudgetSec'));
      assert.strictEqual(c.snapshots, settings.get('hunt.snapshotCount'));
      assert.strictEqual(c.sampleInterval, settings.get('sampling.intervalMs'));
    } finally {
      started.dispose();
      await vscode.debug.stopDebugging(session);
      await new Promise(r => setTimeout(r, 1000));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a configuration without program is refused before anything runs', async function () {
    const folder = workspaceFolder();
    const recorder = recordAdapterMessages();
    try {
      // VS Code shows the adapter's error to the user in a dialog (refused under test, so startDebugging
      // may reject with the dialog's text instead of resolving false).
      const ok = await Promise.resolve(vscode.debug.startDebugging(folder, { type: 'leak-hunt', request: 'launch', name: 'no program' })).catch((e: Error) => e);
      const failed = recorder.messages.find((m): m is DebugProtocol.Response => m.type === 'response' && (m as DebugProtocol.Response).command === 'launch');
      log('launch without program:', ok instanceof Error ? ok.message : ok, JSON.stringify(failed?.body?.error?.format));
      assert.ok(ok === false || (ok instanceof Error && /"program" is required/.test(ok.message)), `the launch failed (${ok})`);
      assert.ok(failed && !failed.success, 'the adapter answered launch with an error');
      assert.match(String(failed.body?.error?.format), /"program" is required/);
      assert.strictEqual(events(recorder.messages, 'output').length, 0, 'nothing ran');
    } finally {
      recorder.dispose();
      await vscode.debug.stopDebugging();
    }
  });

  it('saves an interactive hunt (program and picked workload) as a leak-hunt configuration, keeping launch.json comments', async function () {
    const api = await activateApi();
    const folder = workspaceFolder();
    const launchJson = path.join(folder.uri.fsPath, '.vscode', 'launch.json');
    const hadDir = fs.existsSync(path.dirname(launchJson));
    const before = fs.existsSync(launchJson) ? fs.readFileSync(launchJson, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(launchJson), { recursive: true });
    fs.writeFileSync(launchJson, '{\n  // kept: a comment the user wrote\n  "version": "0.2.0",\n  "configurations": [\n    { "type": "node", "request": "launch", "name": "Existing", "program": "${workspaceFolder}/alloc.js" }\n  ]\n}\n');
    const workload = { kind: 'expr', expression: 'globalThis.__lhTicks = (globalThis.__lhTicks || 0) + 1', rate: 2 };
    try {
      // What the workload picker stores when the user chooses; the command offers it back.
      await api.ctx.context.workspaceState.update('leakHunter.lastWorkload', workload);
      const ok = await vscode.debug.startDebugging(folder, { type: 'node', request: 'launch', name: 'plateau-lru.js', program: path.join(folder.uri.fsPath, 'plateau-lru.js'), console: 'internalConsole' });
      assert.strictEqual(ok, true);
      const child = await api.sessions.waitForConcrete(undefined, 30_000);
      assert.ok(child);
      const hunt = vscode.commands.executeCommand('leakHunter.huntLeak', child, { workload, timeBudgetSec: 30, sampleIntervalMs: 500, snapshotCount: 3 });
      await waitFor('the interactive hunt to sample', () => api.ctx.state.status.phase === 'sampling', 30_000);
      await vscode.commands.executeCommand('leakHunter.cancelHunt');
      await hunt;

      const saved = await vscode.commands.executeCommand<Record<string, unknown>>('leakHunter.saveHuntAsLaunchConfig');
      log('saved configuration', JSON.stringify(saved));
      assert.ok(saved, 'a configuration was saved');
      const text = await waitFor('launch.json to be written', () => {
        const t = fs.readFileSync(launchJson, 'utf8');
        return t.includes('leak-hunt') ? t : undefined;
      }, 10_000);
      log('launch.json now:\n' + text);
      assert.match(text, /\/\/ kept: a comment the user wrote/);
      assert.match(text, /"name": "Existing"/);
      const configs = vscode.workspace.getConfiguration('launch', folder.uri).get<any[]>('configurations') ?? [];
      const added = configs.find(c => c.type === 'leak-hunt');
      assert.ok(added, 'the leak-hunt configuration is in launch.json');
      assert.strictEqual(added.name, 'Leak Hunt: plateau-lru.js');
      assert.strictEqual(added.program, '${workspaceFolder}/plateau-lru.js');
      assert.strictEqual(added.workload, `expr:${workload.expression}`);
      assert.strictEqual(added.rate, 2);
    } finally {
      await vscode.debug.stopDebugging();
      if (before !== undefined) fs.writeFileSync(launchJson, before);
      else fs.rmSync(hadDir ? launchJson : path.dirname(launchJson), { recursive: true, force: true });
    }
  });

  it('Verify Fix after an F5 hunt: the quick fix at the root, then the leak-hunt configuration re-runs and memory plateaus', async function () {
    const api = await activateApi();
    const folder = workspaceFolder();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-f5-fix-'));
    const program = path.join(dir, 'leaky-fixme.js');
    fs.copyFileSync(path.join(folder.uri.fsPath, 'leaky-fixme.js'), program);
    const recorder = recordAdapterMessages();
    const sessions: vscode.DebugSession[] = [];
    const ended: string[] = [];
    const subs = [
      vscode.debug.onDidStartDebugSession(s => s.type === 'leak-hunt' && sessions.push(s)),
      vscode.debug.onDidTerminateDebugSession(s => s.type === 'leak-hunt' && ended.push(s.name)),
    ];
    try {
      const config = { type: 'leak-hunt', request: 'launch', name: 'Leak Hunt: fixme', program, cwd: dir, workload: 'none', timeBudget: 60, sampleInterval: 500, snapshots: 3 };
      assert.strictEqual(await vscode.debug.startDebugging(folder, config), true);
      await waitFor('the F5 hunt to end', () => ended.length >= 1, 240_000);
      assert.strictEqual(api.ctx.state.final?.verdict, 'leak');
      assert.strictEqual(api.ctx.lastHunt?.configuration.type, 'leak-hunt', 'Verify Fix will re-run this configuration');

      const uri = vscode.Uri.file(program);
      const diagnostic = await waitFor('the retaining-root diagnostic', () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'retaining-root'));
      assert.strictEqual(diagnostic.range.start.line, 2);
      const doc = await vscode.workspace.openTextDocument(uri);
      const actions = await waitFor('the quick fixes', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        // Leak Hunter's: quick fixes whose edits change the hunted program (the code action API returns them without their diagnostics).
        const ours = all.filter(a => a.edit?.entries().some(([u]) => u.fsPath === program));
        return ours.length ? ours : undefined;
      }, 15_000);
      log('F5 quick fixes', actions.map(a => `${a.isPreferred ? '*' : ' '} ${a.title}`).join(' | '));
      assert.strictEqual(actions.filter(a => a.isPreferred).length, 1);
      const plain = new vscode.WorkspaceEdit();
      for (const [u, edits] of actions.find(a => a.isPreferred)!.edit!.entries()) for (const e of edits) plain.replace(u, e.range, e.newText);
      assert.ok(await vscode.workspace.applyEdit(plain));
      assert.ok(await doc.save());
      assert.match(fs.readFileSync(program, 'utf8'), /const responses = new LruMap\(\d+\);/);

      const verify = await vscode.commands.executeCommand<VerifyResult>('leakHunter.verifyFix', 1);
      log('F5 verify', verify?.verdict, verify?.before.slopeBytesPerSec, verify?.after.slopeBytesPerSec);
      assert.ok(verify, 'Verify Fix returned a result');
      assert.strictEqual(verify.verdict, 'no-leak');
      assert.ok(verify.after.slopeBytesPerSec < verify.before.slopeBytesPerSec / 4, 'growth dropped well below the leak');
      assert.strictEqual(sessions.length, 2, 'a second leak-hunt session ran the verification');
      assert.match(sessions[1].name, /\(verify fix\)$/);
      assert.strictEqual(sessions[1].configuration.program, program);
      const output = events(recorder.messages, 'output').map(e => e.body.output).join('');
      assert.match(output, /NO LEAK/, 'the verification reported in the Debug Console');
      assert.strictEqual(api.ctx.state.final?.verify?.verdict, 'no-leak', 'the panel shows the hunt with its verification');
      assert.strictEqual(api.ctx.state.status.phase, 'done');
    } finally {
      for (const sub of subs) sub.dispose();
      recorder.dispose();
      await vscode.debug.stopDebugging();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('launch.json IntelliSense offers the leak-hunt snippets and its attributes', async function () {
    await activateApi();
    const folder = workspaceFolder();
    const launchJson = path.join(folder.uri.fsPath, '.vscode', 'launch.json');
    const hadDir = fs.existsSync(path.dirname(launchJson));
    const before = fs.existsSync(launchJson) ? fs.readFileSync(launchJson, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(launchJson), { recursive: true });
    fs.writeFileSync(launchJson, '{\n  "version": "0.2.0",\n  "configurations": [\n    \n  ]\n}\n');
    const labels = (items: vscode.CompletionItem[]) => items.map(i => (typeof i.label === 'string' ? i.label : i.label.label).replace(/^"|"$/g, ''));
    try {
      const uri = vscode.Uri.file(launchJson);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      // The JSON language server starts with the first JSON document: ask until the schema answers.
      const snippets = await waitFor('the configuration snippets', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(3, 4));
        const found = labels(list.items);
        return found.some(l => l.startsWith('Leak Hunter:')) ? found : undefined;
      }, 90_000);
      log('snippets in configurations', snippets.filter(l => /leak/i.test(l)).join(' | '));
      for (const l of ['Leak Hunter: Hunt a program', 'Leak Hunter: Hunt an HTTP server', 'Leak Hunter: Hunt and verify the fix']) assert.ok(snippets.includes(l), `snippet ${l}`);

      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), '{\n  "version": "0.2.0",\n  "configurations": [\n    {\n      "type": "leak-hunt",\n      "request": "launch",\n      "name": "Leak Hunt",\n      \n    }\n  ]\n}\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const properties = await waitFor('the leak-hunt attributes', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(7, 6));
        const found = labels(list.items);
        return found.includes('program') ? found : undefined;
      }, 30_000);
      log('attributes of a leak-hunt configuration', properties.join(' | '));
      for (const p of ['program', 'args', 'runtimeArgs', 'workload', 'rate', 'timeBudget', 'snapshots', 'verifyFix']) assert.ok(properties.includes(p), `attribute ${p}`);
      assert.ok(!properties.includes('type') && !properties.includes('name'), 'attributes already present are not offered again');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (before !== undefined) fs.writeFileSync(launchJson, before);
      else fs.rmSync(hadDir ? launchJson : path.dirname(launchJson), { recursive: true, force: true });
    }
  });
});
