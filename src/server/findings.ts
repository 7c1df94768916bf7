import { pathToFileURL } from 'url';
import { Connection, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, Range } from 'vscode-languageserver/node';
import type { Report, SourceLocation, Suspect } from '../shared/report';
import { formatBytes, formatRate } from '../shared/format';

/** Diagnostics source and code: quick fixes find their diagnostics through these. */
export const DIAGNOSTIC_SOURCE = 'Leak Hunter';
export const ROOT_CODE = 'retaining-root';
export const GROWTH_CODE = 'growth-site';

const uri = (file: string) => pathToFileURL(file).toString();

/** A one-character range at a 1-based location (LSP positions are 0-based). */
function rangeAt(loc: SourceLocation): Range {
  const line = Math.max(0, loc.line - 1);
  const character = Math.max(0, loc.column - 1);
  return Range.create(line, character, line, character + 1);
}

function describe(s: Suspect): string {
  const what = s.collectionSizes?.length ? `${s.className} (${s.collectionSizes.at(0)} → ${s.collectionSizes.at(-1)} entries)` : s.className;
  return `${what} grows ${formatRate(s.growthBytesPerSec)}, +${formatBytes(s.retainedDelta)} retained across the snapshots (${s.archetype})`;
}

/**
 * Publishes the findings of a report as diagnostics: one at each retaining declaration and one
 * at each growth site, linked to each other. Files no longer in the report are cleared.
 */
export class FindingsPublisher {
  private published = new Set<string>();

  constructor(private readonly connection: Connection) {}

  publish(report: Report): void {
    const byFile = new Map<string, Diagnostic[]>();
    const add = (file: string, d: Diagnostic) => byFile.set(uri(file), [...(byFile.get(uri(file)) ?? []), d]);
    for (const s of report.verdict === 'leak' ? report.suspects : []) {
      const root = s.root.location;
      const growth = s.growthSite?.location;
      if (root) {
        const related = growth ? [DiagnosticRelatedInformation.create(Location.create(uri(growth.file), rangeAt(growth)), 'entries are added here')] : undefined;
        add(root.file, {
          range: rangeAt(root),
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: ROOT_CODE,
          message: `Leak: \`${s.root.name}\` retains ${describe(s)}.`,
          relatedInformation: related,
          data: { rank: s.rank },
        });
      }
      if (growth && (!root || growth.file !== root.file || growth.line !== root.line)) {
        const related = root ? [DiagnosticRelatedInformation.create(Location.create(uri(root.file), rangeAt(root)), `retained by \`${s.root.name}\``)] : undefined;
        add(growth.file, {
          range: rangeAt(growth),
          severity: DiagnosticSeverity.Information,
          source: DIAGNOSTIC_SOURCE,
          code: GROWTH_CODE,
          message: `Leak growth site: entries added here stay reachable from \`${s.root.name}\` (${formatRate(s.growthBytesPerSec)}).`,
          relatedInformation: related,
          data: { rank: s.rank },
        });
      }
    }
    for (const stale of this.published) {
      if (!byFile.has(stale)) void this.connection.sendDiagnostics({ uri: stale, diagnostics: [] });
    }
    for (const [file, diagnostics] of byFile) void this.connection.sendDiagnostics({ uri: file, diagnostics });
    this.published = new Set(byFile.keys());
  }
}
