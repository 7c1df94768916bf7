import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatRate } from '../../shared/format';
import { COMPARISON_FILE, huntsRoot, listSavedHunts, readReport } from '../hunt/reportStore';
import type { ExtensionCtx } from '../ctx';

/**
 * "Leak Hunter: Open Report…": pick a saved hunt (or browse for a report.json) and show it in
 * the panel, with its comparison paged from the saved comparison file.
 */
export async function openReport(ctx: ExtensionCtx, file?: string): Promise<boolean> {
  let reportFile = file;
  if (!reportFile) {
    const saved = listSavedHunts(huntsRoot(ctx.context));
    const browse = { label: '$(folder-opened) Browse…', description: 'a report.json anywhere on disk', file: undefined as string | undefined };
    const items = [
      ...saved.map(h => ({
        label: `${h.report.verdict === 'leak' ? '$(warning)' : '$(pass)'} ${path.basename(h.dir)}`,
        description: `${h.report.verdict}, ${formatRate(h.report.trend.slopeBytesPerSec)}`,
        detail: h.report.suspects[0] ? `${h.report.suspects[0].className} retained by ${h.report.suspects[0].root.name}` : undefined,
        file: h.reportFile,
      })),
      browse,
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Open a Leak Hunter report', placeHolder: saved.length ? 'Saved hunts, newest first' : 'No saved hunts in this workspace yet' });
    if (!picked) return false;
    reportFile = picked.file;
    if (!reportFile) {
      const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Leak Hunter report': ['json'] } });
      reportFile = uris?.[0]?.fsPath;
      if (!reportFile) return false;
    }
  }
  const report = readReport(reportFile);
  const dir = path.dirname(reportFile);
  const comparisonFile = path.join(dir, COMPARISON_FILE);
  const hasComparison = fs.existsSync(comparisonFile);
  let total: number | undefined;
  if (hasComparison) total = (JSON.parse(fs.readFileSync(comparisonFile, 'utf8')) as { rows: unknown[] }).rows.length;
  ctx.state.reset({ phase: 'done', message: `Report from ${path.basename(dir)}` }, { huntId: `report:${reportFile}`, dir, reportFile, comparisonFile: hasComparison ? comparisonFile : undefined });
  ctx.state.setReport(report, total);
  ctx.showPanel();
  await ctx.publishFindings(report, reportFile);
  return true;
}
