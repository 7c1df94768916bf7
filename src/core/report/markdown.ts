/**
 * The report a person reads, in four parts: the confirmation evidence, the leaking object and
 * its retention path, the root-cause fix as a diff, and the post-fix verification.
 */
import type { Report, Suspect } from '../../shared/report';
import { fixDiff } from './fixDiff';
import { formatBytes, formatLocation, formatRate, formatSignedBytes } from '../../shared/format';

function sparkline(values: number[], width = 60): string {
  if (values.length === 0) return '';
  const step = Math.max(1, Math.ceil(values.length / width));
  const pts: number[] = [];
  for (let i = 0; i < values.length; i += step) pts.push(values[i]);
  const lo = Math.min(...pts);
  const hi = Math.max(...pts);
  const bars = '▁▂▃▄▅▆▇█';
  return `${pts.map(v => bars[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * 7)]).join('')}  ${formatBytes(lo)} … ${formatBytes(hi)}`;
}

function suspectSection(s: Suspect, base: string | undefined): string[] {
  const out = [`### ${s.rank}. \`${s.root.name}\` — ${s.archetype} (${s.className})`, ''];
  out.push(`- Retaining root: \`${s.root.name}\` (${s.root.kind}) at \`${formatLocation(s.root.location, base)}\``);
  if (s.growthSite) out.push(`- Growth site: \`${formatLocation(s.growthSite.location, base)}\``);
  out.push(`- Growth: +${s.countDelta} entries, ${formatSignedBytes(s.retainedDelta)} retained across the ladder (${formatRate(s.growthBytesPerSec)})`);
  if (s.collectionSizes?.length) out.push(`- Entries per snapshot: ${s.collectionSizes.join(' → ')}`);
  if (s.retainedSizes?.length) out.push(`- Retained per snapshot: ${s.retainedSizes.map(formatBytes).join(' → ')}`);
  out.push('', 'Retainer path (GC root → growing object):', '', '```');
  for (const step of s.retainerPath) out.push(`  --${step.edgeType}:${step.edge}--> ${step.node} [${step.nodeType}]`);
  out.push('```', '');
  return out;
}

/** Renders the four-part Markdown report. */
export function toMarkdown(report: Report, base?: string): string {
  const t = report.trend;
  const out: string[] = ['# Leak Hunter report', ''];
  const verdictText = { leak: '**Leak confirmed**', 'no-leak': '**No leak** (plateau)', inconclusive: '**Inconclusive**' }[report.verdict];
  out.push(`${verdictText} — ${t.reason}`, '');
  if (report.target?.command) out.push(`Target: \`${report.target.command.join(' ')}\`${report.target.nodeVersion ? ` (Node ${report.target.nodeVersion})` : ''}`, '');
  out.push('## 1. Evidence: memory under steady load', '');
  out.push(`Post-GC heapUsed, ${t.samples.length} samples over ${(t.samples.at(-1)?.t ?? 0).toFixed(0)} s:`, '', '```', sparkline(t.samples.map(s => s.heapUsed)), '```', '');
  out.push(`- Slope (Theil–Sen): ${formatRate(t.slopeBytesPerSec)}, 95% CI [${formatRate(t.ci95[0])}, ${formatRate(t.ci95[1])}]`);
  if (t.pValue !== undefined) out.push(`- Mann–Kendall trend test: p = ${t.pValue.toExponential(2)}`);
  out.push(`- Warm-up excluded before ${t.warmupEndsAt.toFixed(1)} s`);
  if (t.needMoreSeconds) out.push(`- About ${t.needMoreSeconds} s more sampling would be needed to decide`);
  if (report.snapshots.length) out.push(`- Snapshots: ${report.snapshots.map(s => `${s.t.toFixed(0)} s (${formatBytes(s.heapUsed)})`).join(', ')}`);
  out.push('');
  out.push('## 2. What leaks and what keeps it alive', '');
  if (report.suspects.length === 0) out.push(report.verdict === 'leak' ? 'No growing owner could be attributed.' : 'Nothing to attribute.', '');
  for (const s of report.suspects) out.push(...suspectSection(s, base));
  out.push('## 3. Root-cause fix', '');
  const top = report.suspects.find(s => s.fix);
  if (!top?.fix) out.push('No fix proposed.', '');
  else {
    out.push(`**${top.fix.title}** (\`${top.fix.kind}\`)`, '');
    if (top.fix.explanation) out.push(top.fix.explanation, '');
    out.push('```diff', ...fixDiff(top.fix.edits), '```', '');
    if (top.alternatives?.length) {
      out.push('Other fixes that bound it (quick fixes in VS Code):', '');
      for (const alt of top.alternatives) out.push(`- ${alt.title} (\`${alt.kind}\`)${alt.explanation ? `: ${alt.explanation}` : ''}`);
      out.push('');
    }
  }
  out.push('## 4. After the fix', '');
  const v = report.verify;
  if (!v) out.push('Not verified (run with `--verify-fix`).', '');
  else {
    out.push(`Verdict after \`${v.fixKind}\`: **${v.verdict === 'no-leak' ? 'plateau' : v.verdict}**`, '');
    out.push(`- Before: ${formatRate(v.before.slopeBytesPerSec)} [${formatRate(v.before.ci95[0])}, ${formatRate(v.before.ci95[1])}]`);
    out.push(`- After: ${formatRate(v.after.slopeBytesPerSec)} [${formatRate(v.after.ci95[0])}, ${formatRate(v.after.ci95[1])}]`);
    out.push('', '```', sparkline(v.samples.map(s => s.heapUsed)), '```', '');
    if (v.nextSuspect) out.push(`Growth remains; next retainer to chase: \`${v.nextSuspect.root.name}\` at \`${formatLocation(v.nextSuspect.root.location, base)}\``, '');
  }
  if (report.warnings?.length) out.push('## Warnings', '', ...report.warnings.map(w => `- ${w}`), '');
  return out.join('\n');
}
