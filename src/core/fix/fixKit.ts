/** What every fix builder shares: the built fix, and edits at a statement or a constructor. */
import type { FixKind } from '../../shared/report';
import type { AstNode, ParsedScript } from '../leak/script';
import type { Dependency } from './dependencies';
import { endOfLine, indentAt, type OffsetEdit, type RenderTarget } from './edits';

export interface BuiltFix {
  kind: FixKind;
  title: string;
  explanation: string;
  edits: OffsetEdit[];
}

/** What the builders know about the project beyond the script. */
export interface FixContext {
  /** `lru-cache` when the project depends on a version the fix can use, and the declaration suits it. */
  lruCache?: Dependency;
}

export const src = (s: ParsedScript, n: AstNode) => s.text.slice(n.start, n.end);

/** Inserts `code` on a new line after the statement, indented as the line it follows in the file it lands in. */
export function insertAfter(s: ParsedScript, stmt: AstNode, code: string, tsCode?: string): OffsetEdit {
  const at = endOfLine(s.text, stmt.end);
  const render = (t: RenderTarget) => `\n${/^[ \t]*/.exec(t.line ?? indentAt(s.text, stmt.start))![0]}${t.ts && tsCode ? tsCode : code}`;
  return { start: at, end: at, newText: '', render, anchor: 'after-line', anchorOffset: Math.max(stmt.start, stmt.end - 1) };
}

/** The `new X(…)` initialiser when X is one of `names`. */
export function newExpressionOf(init: AstNode | undefined, names: string[]): AstNode | undefined {
  return init?.type === 'NewExpression' && init.callee.type === 'Identifier' && names.includes(init.callee.name) ? init : undefined;
}

/** `new Map(…)` → `new <callee>(<args>, …)`, keeping TypeScript type arguments in an original. */
export function constructorEdit(ctor: AstNode, callee: string, args: string): OffsetEdit {
  return { start: ctor.callee.start, end: ctor.callee.end, newText: callee, call: { args }, anchor: 'token' };
}
