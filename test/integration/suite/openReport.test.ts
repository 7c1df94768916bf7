// A saved report reopens after a restart: the panel shows it and the analysis server turns its
// findings into diagnostics at the retaining declaration and the growth site.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Report } from '../../../src/shared/report';
import { activateApi, log, waitFor, workspaceFolder } from './util';

function sampleReport(program: string): Report {
  const samples = Array.from({ length: 30 }, (_, i) => ({ t: i, heapUsed: 8e6 + i * 250_000, rss: 5e7 + i * 260_000 }));
  return {
    schemaVersion: 1,
    verdict: 'leak',
    trend: { samples, slopeBytesPerSec: 250_000, ci95: [240_000, 260_000], warmupEndsAt: 2, reason: 'steady growth after warm-up' },
    snapshots: [],
    suspects: [
      {
        rank: 1,
        className: 'Map',
        archetype: 'unbounded-collection',
        countDelta: 3600,
        retainedDelta: 7_400_000,
        growthBytesPerSec: 246_000,
        retainerPath: [
          { edge: 'context', edgeType: 'internal', node: 'system / Context', nodeType: 'object' },
          { edge: 'sessions', edgeType: 'context', node: 'Map', nodeType: 'object' },
        ],
        root: { name: 'sessions', kind: 'module-variable', location: { file: program, line: 3, column: 7 } },
        growthSite: { location: { file: program, line: 8, column: 3 } },
        collectionSizes: [1200, 2400, 3600],
        fix: {
          kind: 'lru-cap',
          title: 'Cap `sessions` at 2000 entries',
          edits: [{ file: program, startLine: 3, startColumn: 1, endLine: 3, endColumn: 28, newText: 'const sessions = new Map(); // capped' }],
        },
      },
    ],
  };
}

describe('Open Report', function () {
  it('shows a saved report in the panel and publishes diagnostics at the root and growth site', async function () {
    const api = await activateApi();
    const program = path.join(workspaceFolder().uri.fsPath, 'leaky-cache.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-report-'));
    const file = path.join(dir, 'report.json');
    fs.writeFileSync(file, JSON.stringify(sampleReport(program)));

    assert.strictEqual(await vscode.commands.executeCommand('leakHunter.openReport', file), true);

    const state = await waitFor('the panel to receive the report', () =>
      [...api.panelMessages()].reverse().find((m: any) => m.type === 'state' && m.report?.suspects?.[0]?.root?.name === 'sessions') as any,
    );
    assert.strictEqual(state.report.suspects[0].root.name, 'sessions');

    const uri = vscode.Uri.file(program);
    const diagnostics = await waitFor('diagnostics on leaky-cache.js', () => {
      const d = vscode.languages.getDiagnostics(uri).filter(x => x.source === 'Leak Hunter');
      return d.length >= 2 ? d : undefined;
    });
    log('diagnostics', diagnostics.map(d => `${d.range.start.line + 1}: ${d.message}`));
    const root = diagnostics.find(d => d.code === 'retaining-root');
    const growth = diagnostics.find(d => d.code === 'growth-site');
    assert.ok(root && growth, 'expected a retaining-root and a growth-site diagnostic');
    assert.strictEqual(root.range.start.line, 2, 'root diagnostic on line 3 (const sessions = new Map())');
    assert.match(root.message, /sessions/);
    assert.strictEqual(growth.range.start.line, 7);
    assert.strictEqual(root.relatedInformation?.[0]?.location.range.start.line, 7, 'root links to the growth site');

    await vscode.workspace.openTextDocument(uri);
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, root.range);
    log('code actions', all.map(a => `${a.title} [${a.kind?.value}] preferred=${a.isPreferred}`));
    const quick = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, root.range, vscode.CodeActionKind.QuickFix.value);
    const fix = quick.find(a => a.isPreferred);
    assert.ok(fix?.edit, 'the report fix is offered as the preferred quick fix');
    assert.strictEqual(fix.title, 'Cap `sessions` at 2000 entries');
    const [[editUri, edits]] = fix.edit.entries();
    assert.strictEqual(editUri.fsPath, program);
    assert.strictEqual(edits[0].range.start.line, 2);
    assert.strictEqual(edits[0].newText, 'const sessions = new Map(); // capped');

    const lenses = await waitFor('code lenses above the declaration', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.length ? l : undefined;
    });
    log('lenses', lenses.map(l => `${l.range.start.line + 1}: ${l.command?.title}`));
    assert.ok(lenses.some(l => l.range.start.line === 2 && /retains .* · \+.*\/s · 0 snapshots/.test(l.command?.title ?? '')));
  });

  it('refuses a file that is not a report, naming it', async function () {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lh-bad-')), 'report.json');
    fs.writeFileSync(file, '{"hello": 1}');
    const api = await activateApi();
    const { openReport } = await import('../../../src/extension/commands/openReport.js');
    await assert.rejects(openReport(api.ctx, file), /is not a Leak Hunter report/);
  });
});
