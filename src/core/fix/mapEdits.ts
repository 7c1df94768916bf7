/**
 * Placing fix edits, computed in the running (generated) script, in the original sources a
 * source map leads to: tokens by their text near the mapped column, lines after the mapped
 * line, helpers at the original's own insertion point, each rendered for the original's
 * language and indentation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextEdit } from '../../shared/report';
import { mapToOriginal, type ParsedScript } from '../leak/script';
import { argumentsInsert, argumentsOpen, endOfLine, type OffsetEdit } from './edits';
import { helperInsertOffset } from './insertion';

export const isTs = (f: string) => /\.[cm]?tsx?$/.test(f);

/**
 * A typed arrow function's first parameter maps to the parameter, not to its `(`: wrapping must
 * start at the parenthesis (`(p: number) => …`), found by matching it to a `) … =>` that follows.
 */
function arrowHeadStart(line: string, col0: number): number {
  let i = col0 - 1;
  while (i >= 0 && /\s/.test(line[i])) i--;
  if (line[i] !== '(') return col0;
  let depth = 0;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '(') depth++;
    else if (line[j] === ')' && --depth === 0) return /^\s*(:[^=]*)?=>/.test(line.slice(j + 1)) ? i : col0;
  }
  return col0;
}

/** The first original file a script's source map names. */
function firstSource(s: ParsedScript): string | undefined {
  const src = (s.map as unknown as { resolvedSources?: string[] } | undefined)?.resolvedSources?.[0];
  if (!src) return undefined;
  return src.startsWith('file://') ? fileURLToPath(src) : path.resolve(path.dirname(s.file), src);
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Places generated-side edits in the original sources; undefined (keep generated) when any cannot be placed. */
export function mapEdits(s: ParsedScript, edits: OffsetEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  const texts = new Map<string, string>();
  const read = (f: string) => {
    if (!texts.has(f)) texts.set(f, fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    return texts.get(f)!;
  };
  for (const e of edits) {
    if (e.anchor === 'file-start') {
      const file = mapToOriginal(s, Math.max(0, Math.min(s.text.length - 1, e.end + 1)))?.file ?? firstSource(s);
      if (!file) return undefined;
      const text = read(file);
      const newText = e.render ? e.render({ text, ts: isTs(file) }) : isTs(file) ? e.tsText ?? e.newText : e.newText;
      if (!newText) continue;
      const at = positionIn(text, helperInsertOffset(text));
      out.push({ file, startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column, newText });
      continue;
    }
    const loc = mapToOriginal(s, e.anchor === 'after-line' ? e.anchorOffset ?? Math.max(0, e.start - 1) : e.start);
    if (!loc) return undefined;
    const text = read(loc.file);
    if (!text) return undefined;
    const lines = text.split('\n');
    const lineText = lines[loc.line - 1] ?? '';
    const newText = e.render ? e.render({ text, ts: isTs(loc.file), line: lineText }) : isTs(loc.file) ? e.tsText ?? e.newText : e.newText;
    if (e.anchor === 'after-line') {
      const col = endOfLine(lineText, 0) + 1;
      out.push({ file: loc.file, startLine: loc.line, startColumn: col, endLine: loc.line, endColumn: col, newText });
      continue;
    }
    const oldText = s.text.slice(e.start, e.end);
    let col0 = oldText ? lineText.indexOf(oldText, Math.max(0, loc.column - 1 - 2)) : loc.column - 1;
    if (col0 < 0) return undefined;
    if (!oldText && newText.endsWith(', ')) col0 = arrowHeadStart(lineText, col0);
    const endCol0 = col0 + oldText.length;
    out.push({ file: loc.file, startLine: loc.line, startColumn: col0 + 1, endLine: loc.line, endColumn: endCol0 + 1, newText });
    if (e.call) {
      // The arguments follow the callee on the same line, past TypeScript type arguments.
      const open = argumentsOpen(lineText, endCol0);
      if (open === undefined) return undefined;
      out.push({ file: loc.file, startLine: loc.line, startColumn: open + 1, endLine: loc.line, endColumn: open + 1, newText: argumentsInsert(lineText, open, e.call.args) });
    }
  }
  return out;
}

/** The text of a 1-based line of a file, or undefined. */
export function lineOf(file: string, line: number): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[line - 1];
  } catch {
    return undefined;
  }
}
