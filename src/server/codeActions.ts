import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  Command,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { pathToFileURL } from 'url';
import type { Fix, Report, Suspect, TextEdit as ReportEdit } from '../shared/report';
import { formatBytes, formatRate } from '../shared/format';
import { DIAGNOSTIC_SOURCE } from './findings';

const uri = (file: string) => pathToFileURL(file).toString();

/** A report edit (1-based, end exclusive) as an LSP edit (0-based, end exclusive). */
function lspEdit(e: ReportEdit): TextEdit {
  return TextEdit.replace(Range.create(e.startLine - 1, e.startColumn - 1, e.endLine - 1, e.endColumn - 1), e.newText);
}

const PREVIEW = 'leakHunter.fix';

/**
 * The fix as a workspace edit. Every edit carries a change annotation that needs confirmation,
 * so VS Code shows the change as a preview (refactor preview) before it is applied.
 */
export function workspaceEditFor(fix: Fix): WorkspaceEdit {
  const changes: WorkspaceEdit['documentChanges'] = [];
  const byFile = new Map<string, ReportEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    changes.push({
      textDocument: { uri: uri(file), version: null },
      edits: edits.map(e => ({ ...lspEdit(e), annotationId: PREVIEW })),
    });
  }
  return {
    documentChanges: changes,
    changeAnnotations: {
      [PREVIEW]: { label: fix.title, needsConfirmation: true, description: fix.explanation ?? 'Leak Hunter fix: bounds the lifetime of what the leak retains' },
    },
  };
}

/**
 * Quick fixes and code lenses for the findings of the current report: per suspect at its
 * diagnostics, the preferred quick fix and its alternatives; a lens above each retaining declaration.
 */
export class FixProvider {
  private report?: Report;

  setReport(report: Report): void {
    this.report = report;
  }

  private suspect(rank: unknown): Suspect | undefined {
    return this.report?.verdict === 'leak' ? this.report.suspects.find(s => s.rank === rank) : undefined;
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    const actions: CodeAction[] = [];
    const seen = new Set<number>();
    for (const d of params.context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const s = this.suspect((d.data as { rank?: number } | undefined)?.rank);
      if (!s?.fix || s.fix.edits.length === 0 || seen.has(s.rank)) continue;
      seen.add(s.rank);
      // The preferred fix first, then the alternatives for the same archetype. Each changes what
      // the program keeps, so every one is previewed before it is applied.
      const fixes = [s.fix, ...(s.alternatives ?? []).filter(f => f.edits.length > 0)];
      fixes.forEach((fix, i) => {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: workspaceEditFor(fix) });
      });
    }
    return actions;
  }

  codeLenses(params: CodeLensParams): CodeLens[] {
    if (this.report?.verdict !== 'leak') return [];
    const lenses: CodeLens[] = [];
    const rungs = this.report.snapshots.length;
    for (const s of this.report.suspects) {
      const loc = s.root.location;
      if (!loc || uri(loc.file) !== params.textDocument.uri) continue;
      const retained = s.retainedSizes?.at(-1) ?? s.retainedDelta;
      const title = `$(warning) retains ${formatBytes(retained)} · ${formatRate(s.growthBytesPerSec)} · ${rungs} snapshots`;
      const range = Range.create(loc.line - 1, 0, loc.line - 1, 0);
      lenses.push({ range, command: Command.create(title, 'leakHunter.showPanel') });
      if (s.fix) lenses.push({ range, command: Command.create(`$(lightbulb) ${s.fix.title}`, 'leakHunter.applyFix', s.rank) });
    }
    return lenses;
  }
}
