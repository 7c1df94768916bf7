/** Text edits: offset-based while building, 1-based end-exclusive line/column in reports, applied bottom-up. */
import type { TextEdit } from '../../shared/report';
import { positionOf, type ParsedScript } from '../leak/script';

/** An edit in a parsed script by character offsets (end exclusive). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  /** Text to use instead when the edit lands in a TypeScript original (type annotations). */
  tsText?: string;
  /** How to place the edit in an original file: after the line holding `start`, or at the mapped token. */
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

/** Where file-level helpers go: after a hashbang and the directive prologue ('use strict'). */
export function helperInsertOffset(s: ParsedScript): number {
  const body = (s.ast as any).body as any[];
  let offset = s.text.startsWith('#!') ? endOfLine(s.text, 0) + 1 : 0;
  for (const stmt of body) {
    if (stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string') offset = endOfLine(s.text, stmt.end) + 1;
    else break;
  }
  return Math.min(offset, s.text.length);
}
