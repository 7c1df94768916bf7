// From the retaining root to fixed code, in the real VS Code: hunt, diagnostic at the
// declaration, the quick fix through the code action API, Verify Fix re-runs, plateau.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Report, VerifyResult } from '../../../src/shared/report';
import { activateApi, log, screenshot, waitFor, workspaceFolder } from './util';

describe('Quick fix and Verify Fix', function () {
  this.timeout(300_000);
  after(async () => {
    await vscode.debug.stopDebugging();
  });

  it('fixes the retaining declaration with the preferred quick fix and verifies the plateau', async function () {
    const api = await activateApi();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-fix-'));
    const program = path.join(dir, 'leaky-fixme.js');
    fs.copyFileSync(path.join(workspaceFolder().uri.fsPath, 'leaky-fixme.js'), program);

    const existing = api.sessions.snapshotIds();
    await vscode.debug.startDebugging(workspaceFolder(), { type: 'node', request: 'launch', name: 'leaky-fixme', program, console: 'internalConsole' });
    const session = await api.sessions.waitForConcrete(undefined, 30_000, existing);
    assert.ok(session);
    const options = { workload: { kind: 'none' }, timeBudgetSec: 60, sampleIntervalMs: 500, snapshotCount: 3 };
    const report = await vscode.commands.executeCommand<Report>('leakHunter.huntLeak', session, options);
    assert.ok(report);
    assert.strictEqual(report.verdict, 'leak');
    const top = report.suspects[0];
    log('suspect', top.root.name, top.root.location?.line, top.fix?.kind, top.fix?.title);
    assert.strictEqual(top.root.name, 'responses');

    // The retainer tree shows the suspect and its path down from the GC root.
    const [suspectNode] = api.ctx.retainerTree.getChildren();
    assert.ok(suspectNode, 'the tree lists the suspect');
    assert.match(String(api.ctx.retainerTree.getTreeItem(suspectNode).label), /responses/);
    const steps = api.ctx.retainerTree.getChildren(suspectNode);
    assert.strictEqual(steps.length, top.retainerPath.length);
    assert.ok(steps.length >= 2);

    const uri = vscode.Uri.file(program);
    const diagnostic = await waitFor('the retaining-root diagnostic', () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'retaining-root'));
    assert.strictEqual(diagnostic.range.start.line, 2, 'on line 3: const responses = new Map()');

    const doc = await vscode.workspace.openTextDocument(uri);
    // The client sends the request once it has taken the newly opened document: ask until it answers.
    const fix = await waitFor('the preferred quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find(a => a.isPreferred && a.edit);
    }, 15_000);
    log('quick fix', fix.title);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: diagnostic.range });
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quickfix-in-vscode');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    // Apply the same edits without the confirmation preview (a test cannot click "Apply").
    const plain = new vscode.WorkspaceEdit();
    for (const [u, edits] of fix.edit!.entries()) for (const e of edits) plain.replace(u, e.range, e.newText);
    assert.ok(await vscode.workspace.applyEdit(plain));
    assert.ok(await doc.save());
    const fixedText = fs.readFileSync(program, 'utf8');
    assert.notStrictEqual(fixedText, fs.readFileSync(path.join(workspaceFolder().uri.fsPath, 'leaky-fixme.js'), 'utf8'));
    new Function(fixedText.replace(/^#!.*/, '')); // still parses

    const verify = await vscode.commands.executeCommand<VerifyResult>('leakHunter.verifyFix', 1);
    assert.ok(verify, 'Verify Fix returned a result');
    log('verify', verify.verdict, verify.before.slopeBytesPerSec, verify.after.slopeBytesPerSec);
    assert.strictEqual(verify.verdict, 'no-leak');
    assert.ok(verify.after.slopeBytesPerSec < verify.before.slopeBytesPerSec / 4, 'growth dropped well below the leak');
    const posted = api.panelMessages() as any[];
    assert.ok(posted.some(m => m.type === 'state' && m.report.verify?.verdict === 'no-leak'), 'the panel received the before/after verification');
    await vscode.commands.executeCommand('leakHunter.showPanel');
    await screenshot('verify-in-vscode');
  });
});
