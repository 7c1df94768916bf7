/**
 * Where file-level helpers go, found in the text itself (the same rule for the running script
 * and a TypeScript original, which acorn cannot parse): after a hashbang, the directive
 * prologue and the imports or requires at the top, before the first other code. Helpers laid
 * out there read like code the user wrote, and a class declared there exists before any
 * declaration below uses it.
 */

const directive = /^(['"])use [\w ]+\1\s*;?/;
const importStatement = /^import\b(?!\s*\()(?:[^'";]|'[^']*'|"[^"]*")*?(?:from\s*)?(['"])[^'"]*\1\s*;?/;
const importEquals = /^import\s+[\w$]+\s*=\s*require\(\s*(['"])[^'"]*\1\s*\)\s*;?/;
const reExport = /^export\s*(?:type\s*)?(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])[^'"]*\1\s*;?/;
const requireDecl = /^(?:const|let|var)\s+(?:[\w$]+|\{[^}]*\}|\[[^\]]*\])\s*=\s*require\(\s*(['"])[^'"]*\1\s*\)(?:\.[\w$]+)*\s*;?/;
const bareRequire = /^require\(\s*(['"])[^'"]*\1\s*\)\s*;?/;

/** True when only blanks or a line comment follow `at` on its line. */
function restOfLineEmpty(text: string, at: number): boolean {
  const nl = text.indexOf('\n', at);
  return /^\s*(\/\/.*)?$/.test(text.slice(at, nl === -1 ? text.length : nl));
}

const nextLine = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
};

/** Offset in `text` where helpers are inserted (see the file comment). */
export function helperInsertOffset(text: string): number {
  let pos = text.startsWith('#!') ? nextLine(text, 0) : 0;
  let afterPrologue: number | undefined;
  // The first comment block of the file is its header: helpers go below it, but above a
  // comment that documents the first statement.
  let headerDone = false;
  let commentsFrom: number | undefined;
  while (pos < text.length) {
    const ws = /^\s*/.exec(text.slice(pos))![0];
    // A blank line (the previous line comment ended with its own newline) ends the header.
    if (/\n[ \t]*\n/.test((pos > 0 && text[pos - 1] === '\n' ? '\n' : '') + ws)) {
      headerDone = true;
      commentsFrom = undefined;
    }
    pos += ws.length;
    const rest = text.slice(pos, pos + 4000);
    if (rest.startsWith('//') || rest.startsWith('/*')) {
      const end = rest.startsWith('//') ? nextLine(text, pos) : text.indexOf('*/', pos) + 2;
      if (end < 2) break;
      if (headerDone || afterPrologue !== undefined) commentsFrom ??= pos;
      pos = end;
      continue;
    }
    const m = directive.exec(rest) ?? importStatement.exec(rest) ?? importEquals.exec(rest) ?? reExport.exec(rest) ?? requireDecl.exec(rest) ?? bareRequire.exec(rest);
    if (!m) break;
    const end = pos + m[0].length;
    if (!restOfLineEmpty(text, end)) {
      // Minified code: insert right after the statement rather than before a directive.
      return directive.test(rest) ? end : afterPrologue ?? lineStartOf(text, pos);
    }
    pos = nextLine(text, end);
    afterPrologue = pos;
    headerDone = true;
    commentsFrom = undefined;
  }
  if (afterPrologue !== undefined) return afterPrologue;
  return Math.min(commentsFrom ?? lineStartOf(text, pos), text.length);
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** The indentation unit the file uses (a tab, or the smallest space indent), two spaces when it has none. */
export function indentUnit(text: string): string {
  let smallest = Infinity;
  for (const m of text.matchAll(/\n([ \t]+)(?=[^\s*])/g)) {
    if (m[1].startsWith('\t')) return '\t';
    if (m[1].length >= 2) smallest = Math.min(smallest, m[1].length);
  }
  return smallest === Infinity || smallest > 8 ? '  ' : ' '.repeat(smallest);
}

/** Re-indents a block written with two-space steps to the file's unit. */
export function reindent(block: string, unit: string): string {
  return block.replace(/^((?: {2})+)/gm, lead => unit.repeat(lead.length / 2));
}

/**
 * The text inserted at `offset` for a block of declarations: on lines of its own, set apart by a
 * blank line from code before and after it, with the file's line endings.
 */
export function surroundBlock(text: string, offset: number, block: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const before = text.slice(0, offset);
  const after = text.slice(offset);
  let lead = '';
  if (before.length > 0 && !before.endsWith('\n')) lead = eol + eol;
  else if (before.length > 0 && !/\n\s*\n$/.test(before) && !/^\s*$/.test(before)) lead = eol;
  const trail = /^[ \t]*\r?\n/.test(after) || after.length === 0 ? eol : eol + eol;
  return lead + block.replace(/\n/g, eol) + trail;
}
