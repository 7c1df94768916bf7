import * as fs from 'node:fs';
import type { Command } from '../main';
import { LeakHunterError } from '../../core/common/errors';
import { createLocalAnalyzer, type GrowingOwner, type LadderResult } from '../../core/heap';
import { numberFlag, parseArgs } from '../args';
import { formatBytes, formatSignedBytes } from '../../shared/format';
import { endProgress, formatPath, stderrProgress, table } from './inspect';

const usage = `Usage: leak-hunter diff <a.heapsnapshot> <b.heapsnapshot> [<c.heapsnapshot> ...] [--json] [--top N]

Diffs a ladder of heap snapshots taken under the same load (oldest first): per-class growth
at every rung, objects new since the first snapshot, and the owners (Maps, Arrays, listeners,
timers, closure variables) that grew at every rung, with retainer paths and collection sizes.

Options:
  --json     Print the LadderResult as JSON
  --top N    How many growing owners to list (default 10)`;

export const diffCommand: Command = {
  summary: 'Diff 2..N heap snapshots: class growth and the growing owners with retainer paths',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { booleans: ['json'], values: ['top'] });
    if (args.positionals.length < 2) throw new LeakHunterError('usage', `diff needs at least two snapshot files\n\n${usage}`);
    const files = args.positionals;
    const topOwners = numberFlag(args, 'top', 10, 1, 1000);
    const total = files.reduce((s, f) => s + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
    const analyzer = createLocalAnalyzer();
    try {
      const result = await analyzer.analyzeLadder(files, { topOwners, progress: stderrProgress(total) });
      endProgress();
      if (args.flags.has('json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else process.stdout.write(render(result) + '\n');
      return 0;
    } finally {
      analyzer.dispose?.();
    }
  },
};

function render(r: LadderResult): string {
  const k = r.rungs.length;
  const lines: string[] = [];
  lines.push('Snapshots:');
  r.rungs.forEach((s, i) => lines.push(`  ${i + 1}. ${s.file}  ${s.nodeCount.toLocaleString('en-US')} nodes, ${formatBytes(s.totalSize)}`));
  lines.push(`Identity: ${r.identity === 'object-id' ? 'heap object ids' : 'retainer paths (object ids were reset between snapshots)'}`, '');
  const growing = r.classes.filter(c => c.retainedSizes[k - 1] - c.retainedSizes[0] > 0 || c.counts[k - 1] > c.counts[0]).slice(0, 20);
  lines.push('Class growth (first → last rung):');
  lines.push(
    table(
      ['Class', 'Counts', 'Δ count', 'New', 'Δ retained', 'Every rung'],
      growing.map(c => [
        c.className || '(anonymous)',
        c.counts.join(' → '),
        (c.counts[k - 1] - c.counts[0]).toLocaleString('en-US'),
        c.newCount.toLocaleString('en-US'),
        formatSignedBytes(c.retainedSizes[k - 1] - c.retainedSizes[0]),
        c.monotonic ? 'yes' : '',
      ]),
    ),
  );
  lines.push('', 'Growing owners:');
  if (r.owners.length === 0) lines.push('  none');
  r.owners.forEach((o, i) => lines.push(renderOwner(o, i + 1)));
  return lines.join('\n');
}

function renderOwner(o: GrowingOwner, rank: number): string {
  const what = o.ownerKind === 'listeners' ? `${o.className} listeners for "${o.eventName}"` : `${o.className} (${o.ownerKind})`;
  const out = [
    `${rank}. ${what} @${o.nodeId}${o.monotonic ? ', grew at every rung' : ''}`,
    `   entries  ${o.sizes.join(' → ')}    retained ${o.retainedSizes.map(formatBytes).join(' → ')} (${formatSignedBytes(o.retainedDelta)})`,
  ];
  if (o.entryClasses.length) out.push(`   new entries: ${o.entryClasses.map(e => `${e.count} × ${e.className}`).join(', ')}`);
  if (o.root) {
    const loc = o.root.location ? ` at ${o.root.location.scriptName}:${o.root.location.line}:${o.root.location.column}` : '';
    out.push(`   retained by ${o.root.kind} "${o.root.name}"${o.root.holderClass ? ` of ${o.root.holderClass}` : ''}${loc}`);
  }
  out.push('   retainer path:', formatPath(o.retainerPath, '     '));
  return out.join('\n');
}
