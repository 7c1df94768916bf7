/** SARIF 2.1.0 output: one result per suspect at its root location, with its fixes as replacements. */
import { pathToFileURL } from 'node:url';
import type { Fix, Report, Suspect } from '../../shared/report';
import { formatRate } from '../../shared/format';

const rules = ['unbounded-collection', 'growing-array', 'listener', 'timer', 'closure', 'other'];

/** A SARIF fix: the edits as replacements, grouped by file. The preferred fix comes first. */
function sarifFix(fix: Fix) {
  return {
    description: { text: fix.title },
    artifactChanges: [...new Set(fix.edits.map(e => e.file))].map(file => ({
      artifactLocation: { uri: pathToFileURL(file).href },
      replacements: fix.edits
        .filter(e => e.file === file)
        .map(e => ({ deletedRegion: { startLine: e.startLine, startColumn: e.startColumn, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.newText } })),
    })),
  };
}

function result(s: Suspect) {
  const loc = s.root.location;
  const fixes = [s.fix, ...(s.alternatives ?? [])].filter((f): f is Fix => !!f).map(sarifFix);
  return {
    ruleId: `leak/${s.archetype}`,
    level: 'error',
    message: { text: `\`${s.root.name}\` (${s.root.kind}) retains a growing ${s.className}: +${s.countDelta} entries, ${formatRate(s.growthBytesPerSec)}.${s.fix ? ` Fix: ${s.fix.title}.` : ''}` },
    locations: loc ? [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(loc.file).href }, region: { startLine: loc.line, startColumn: loc.column } } }] : [],
    relatedLocations: s.growthSite
      ? [{ id: 1, message: { text: 'entries are added here' }, physicalLocation: { artifactLocation: { uri: pathToFileURL(s.growthSite.location.file).href }, region: { startLine: s.growthSite.location.line, startColumn: s.growthSite.location.column } } }]
      : [],
    ...(fixes.length ? { fixes } : {}),
    properties: { rank: s.rank, retainedDelta: s.retainedDelta, growthBytesPerSec: s.growthBytesPerSec },
  };
}

/** Renders the report as a SARIF log. */
export function toSarif(report: Report): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leak-hunter', informationUri: 'https://example.invalid/leak-hunter', rules: rules.map(id => ({ id: `leak/${id}`, shortDescription: { text: `Memory leak: ${id}` } })) } },
        results: report.verdict === 'leak' ? report.suspects.map(result) : [],
        properties: { verdict: report.verdict, slopeBytesPerSec: report.trend.slopeBytesPerSec, ci95: report.trend.ci95 },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
