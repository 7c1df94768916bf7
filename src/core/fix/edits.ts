/** Text edits: offset-based while building, 1-based end-exclusive line/column in reports, applied bottom-up. */
import type { TextEdit } from '../../shared/report';
import { positionOf, type ParsedScript } from '../leak/script';

/** The file an edit lands in, for edits whose text depends on it (helpers, imports). */
export interface RenderTarget {
  /** The whole current text of that file. */
  text: string;
  /** True for TypeScript (typed helpers, `import` syntax). */
  ts: boolean;
  /** The line the edit is anchored to, for edits indented from it. */
  line?: string;
}

/** An edit in a parsed script by character offsets (end exclusive). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  /** Text to use instead when the edit lands in a TypeScript original (type annotations). */
  tsText?: string;
  /**
   * Text computed for the file it lands in (indentation, module style, a helper already there);
   * an empty result drops the edit. Takes precedence over newText/tsText.
   */
  render?: (target: RenderTarget) => string;
  /** For file-level edits: the declarations rendered, so one fix's declarations merge into one insertion. */
  fileParts?: (target: RenderTarget) => string[];
  /**
   * The edit replaces a constructor's callee (`Map` → `LruMap`) and also inserts `args` first in
   * the argument list after it, past any TypeScript type arguments (`Map<string, T>(` keeps them).
   */
  call?: { args: string };
  /** How to place the edit in an original file: after the line holding `start`, at the mapped token, or at the helper insertion point. */
  anchor: 'after-line' | 'token' | 'file-start';
  /** For 'after-line': an offset inside the statement the edit follows (minified code has one line for all). */
  anchorOffset?: number;
}

/** Converts an offset edit to the report's 1-based, end-exclusive form. */
export function toTextEdit(s: ParsedScript, e: OffsetEdit): TextEdit {
  const a = positionOf(s, e.start);
  const b = positionOf(s, e.end);
  return { file: s.file, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column, newText: e.newText };
}

/** Where the argument list of a call starts: the offset just after `(` following `from`, skipping type arguments. */
export function argumentsOpen(text: string, from: number): number | undefined {
  let i = from;
  while (/\s/.test(text[i] ?? '')) i++;
  if (text[i] === '<') {
    for (let depth = 0; i < text.length; i++) {
      if (text[i] === '<') depth++;
      else if (text[i] === '>' && --depth === 0) break;
    }
    i++;
    while (/\s/.test(text[i] ?? '')) i++;
  }
  return text[i] === '(' ? i + 1 : undefined;
}

/** The text inserted after `(`: the new first arguments, and a separator when others follow. */
export function argumentsInsert(text: string, open: number, args: string): string {
  return /^\s*\)/.test(text.slice(open)) ? args : `${args}, `;
}

/** An offset edit in the running script as report edits (a constructor edit becomes two). */
export function toTextEdits(s: ParsedScript, e: OffsetEdit): TextEdit[] {
  if (e.render) {
    const at = e.anchorOffset ?? e.start;
    const line = s.text.slice(s.text.lastIndexOf('\n', at - 1) + 1, endOfLine(s.text, at));
    const text = e.render({ text: s.text, ts: false, line });
    return text ? [toTextEdit(s, { ...e, newText: text })] : [];
  }
  if (!e.call) return [toTextEdit(s, e)];
  const open = argumentsOpen(s.text, e.end);
  if (open === undefined) return [toTextEdit(s, e)];
  return [toTextEdit(s, e), toTextEdit(s, { start: open, end: open, newText: argumentsInsert(s.text, open, e.call.args), anchor: 'token' })];
}

function offsetIn(lineStarts: number[], text: string, line: number, column: number): number {
  const start = lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))] ?? 0;
  return Math.min(text.length, start + column - 1);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Applies edits for one file to its text; edits must not overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ls = lineStartsOf(text);
  const ranges = edits
    .map(e => ({ start: offsetIn(ls, text, e.startLine, e.startColumn), end: offsetIn(ls, text, e.endLine, e.endColumn), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].end > ranges[i - 1].start) throw new Error('overlapping edits');
  }
  let out = text;
  for (const r of ranges) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

/** Offset just after the end of the line holding `offset` (before its newline). */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/** The indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
