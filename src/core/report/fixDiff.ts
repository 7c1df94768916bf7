/**
 * A fix as a unified-style diff for people reading the report. Edits that touch the same lines
 * (a fix often renames the constructor and fills in its argument on one line) are applied
 * together and shown as one hunk, so the hunk shows the line as it will really read; lines the
 * fix leaves alone are shown as context.
 */
import fs from 'node:fs';
import type { TextEdit } from '../../shared/report';
import { applyTextEdits } from '../fix/edits';

interface Hunk {
  file: string;
  startLine: number;
  endLine: number;
  edits: TextEdit[];
}

/** Groups edits by file and by overlapping or shared lines, in file order. */
function hunksOf(edits: readonly TextEdit[]): Hunk[] {
  const sorted = [...edits].sort((a, b) => a.file.localeCompare(b.file) || a.startLine - b.startLine || a.startColumn - b.startColumn);
  const hunks: Hunk[] = [];
  for (const e of sorted) {
    const last = hunks.at(-1);
    if (last && last.file === e.file && e.startLine <= last.endLine) {
      last.endLine = Math.max(last.endLine, e.endLine);
      last.edits.push(e);
    } else {
      hunks.push({ file: e.file, startLine: e.startLine, endLine: e.endLine, edits: [e] });
    }
  }
  return hunks;
}

function render(h: Hunk, lines: string[]): string[] {
  const before = lines.slice(h.startLine - 1, h.endLine);
  const relative = h.edits.map(e => ({ ...e, startLine: e.startLine - h.startLine + 1, endLine: e.endLine - h.startLine + 1 }));
  const after = applyTextEdits(before.join('\n'), relative).split('\n');
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [
    `@@ ${h.file}:${h.startLine} @@`,
    ...before.slice(0, head).map(l => ` ${l}`),
    ...before.slice(head, before.length - tail).map(l => `-${l}`),
    ...after.slice(head, after.length - tail).map(l => `+${l}`),
    ...before.slice(before.length - tail).map(l => ` ${l}`),
  ];
}

/** The diff lines of a fix's edits against the files on disk; a file that cannot be read shows its inserted text only. */
export function fixDiff(edits: readonly TextEdit[]): string[] {
  const texts = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, fs.readFileSync(file, 'utf8').split('\n'));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  return hunksOf(edits).flatMap(h => {
    const lines = linesOf(h.file);
    if (!lines) return [`@@ ${h.file}:${h.startLine} @@`, ...h.edits.flatMap(e => e.newText.split('\n').map(l => `+${l}`))];
    return render(h, lines);
  });
}
