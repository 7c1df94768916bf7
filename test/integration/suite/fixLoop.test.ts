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
    const actions = await waitFor('the quick fixes', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      // Leak Hunter's: quick fixes whose edits change the hunted program (the code action API returns them without their diagnostics).
      const ours = all.filter(a => a.edit?.entries().some(([u]) => u.fsPath === program));
      return ours.length > 0 ? ours : undefined;
    }, 15_000);
    log('quick fixes', actions.map(a => `${a.isPreferred ? '*' : ' '} ${a.title}`).join(' | '));
    // The preferred fix (LRU cap) and the alternative for a cache (TTL), all quick fixes, one preferred.
    assert.ok(actions.length >= 2, 'the preferred fix and its alternatives');
    assert.strictEqual(actions.filter(a => a.isPreferred).length, 1, 'exactly one preferred');
    assert.ok(actions.every(a => a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.edit));
    assert.deepStrictEqual(actions.map(a => a.title), [top.fix!.title, ...(top.alternatives ?? []).map(f => f.title)]);
    assert.ok(actions.some(a => /^Expire entries of `responses`/.test(a.title)), 'a TTL alternative');
    const fix = actions.find(a => a.isPreferred)!;
    assert.match(fix.title, /^Cap `responses` at \d+ entries with a bounded Map \(no new dependency\)$/);
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
    // A named helper declared once above the declaration, which now uses it.
    assert.strictEqual(fixedText.split('class LruMap extends Map {').length, 2, 'one LruMap helper');
    assert.match(fixedText, /^const responses = new LruMap\(\d+\);$/m);
    assert.ok(fixedText.indexOf('class LruMap') < fixedText.indexOf('const responses'));

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
