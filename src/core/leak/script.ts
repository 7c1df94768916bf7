/**
 * User scripts as the hunt reads them: the file behind a V8 script name, parsed with acorn
 * (positions kept), and its source map when it has one, to report original positions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as acorn from 'acorn';
import { TraceMap, originalPositionFor, LEAST_UPPER_BOUND } from '@jridgewell/trace-mapping';
import type { SourceLocation } from '../../shared/report';

export type AstNode = acorn.Node & Record<string, any>;

export interface ParsedScript {
  file: string;
  text: string;
  ast: AstNode;
  lineStarts: number[];
  map?: TraceMap;
  /**
   * True when the text is what the runtime executed (fetched over CDP, e.g. a TypeScript file
   * transformed by a loader) rather than the file on disk: positions are in that text, and only
   * source-mapped edits can be applied to the file.
   */
  runtimeSource?: boolean;
}

/** The file path behind a V8 script name, or undefined for built-ins and eval'd code. */
export function scriptPath(scriptName: string): string | undefined {
  if (!scriptName) return undefined;
  if (scriptName.startsWith('file://')) {
    try {
      return fileURLToPath(scriptName);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(scriptName) ? scriptName : undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Parses JavaScript leniently (module or script, hashbang, top-level return/await). */
export function parseJs(text: string, preferModule: boolean): AstNode {
  const base = { ecmaVersion: 'latest' as const, allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, allowImportExportEverywhere: true };
  const order: ('module' | 'script')[] = preferModule ? ['module', 'script'] : ['script', 'module'];
  let first: unknown;
  for (const sourceType of order) {
    try {
      return acorn.parse(text, { ...base, sourceType }) as AstNode;
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/** True when the file on disk is JavaScript acorn can read (not TypeScript run through a loader). */
export function isPlainJsFile(file: string): boolean {
  return /\.(c|m)?js$/i.test(file) && fs.existsSync(file);
}

function loadMap(file: string, text: string): TraceMap | undefined {
  const m = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(text.slice(-4096));
  if (!m) return undefined;
  try {
    if (m[1].startsWith('data:')) {
      const comma = m[1].indexOf(',');
      const payload = m[1].slice(comma + 1);
      const json = /;base64/.test(m[1].slice(0, comma)) ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
      return new TraceMap(json, pathToFileURL(file).href);
    }
    const mapFile = path.resolve(path.dirname(file), decodeURIComponent(m[1]));
    return new TraceMap(fs.readFileSync(mapFile, 'utf8'), pathToFileURL(mapFile).href);
  } catch {
    return undefined;
  }
}

/** Loads and parses scripts once per hunt. */
export class ScriptCache {
  private readonly cache = new Map<string, ParsedScript | undefined>();

  /** `runtimeSources`: script name → source text the runtime executed, for files that are not plain JavaScript on disk. */
  constructor(private readonly runtimeSources: ReadonlyMap<string, string> = new Map()) {}

  /** The parsed script behind a V8 script name or path; undefined when it cannot be read or parsed. */
  get(scriptNameOrPath: string): ParsedScript | undefined {
    const file = scriptPath(scriptNameOrPath);
    if (!file) return undefined;
    if (this.cache.has(file)) return this.cache.get(file);
    let parsed: ParsedScript | undefined;
    const runtime = this.runtimeSources.get(scriptNameOrPath);
    if (runtime !== undefined) {
      try {
        const ast = parseJs(runtime, /^\s*(import|export)\s/m.test(runtime));
        parsed = { file, text: runtime, ast, lineStarts: lineStartsOf(runtime), map: loadMap(file, runtime), runtimeSource: true };
      } catch {
        parsed = undefined;
      }
      this.cache.set(file, parsed);
      return parsed;
    }
    try {
      const text = fs.readFileSync(file, 'utf8');
      const ast = parseJs(text, /\.mjs$/.test(file) || /^\s*(import|export)\s/m.test(text));
      parsed = { file, text, ast, lineStarts: lineStartsOf(text), map: loadMap(file, text) };
    } catch {
      parsed = undefined;
    }
    this.cache.set(file, parsed);
    return parsed;
  }
}

/** Offset of a 1-based line/column in the script. */
export function offsetOf(s: ParsedScript, line: number, column: number): number {
  const start = s.lineStarts[Math.max(0, Math.min(line - 1, s.lineStarts.length - 1))];
  return Math.min(s.text.length, start + Math.max(0, column - 1));
}

/** 1-based line/column of an offset. */
export function positionOf(s: ParsedScript, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = s.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - s.lineStarts[lo] + 1 };
}

/** A location in the generated file. */
export function generatedLocation(s: ParsedScript, offset: number): SourceLocation {
  return { file: s.file, ...positionOf(s, offset) };
}

/** Maps a generated offset to the original source when a source map covers it; otherwise the generated location. */
export function originalLocation(s: ParsedScript, offset: number): SourceLocation {
  return mapToOriginal(s, offset) ?? generatedLocation(s, offset);
}

/** The original-source location of a generated offset, or undefined when no source map covers it. */
export function mapToOriginal(s: ParsedScript, offset: number): SourceLocation | undefined {
  const gen = generatedLocation(s, offset);
  if (!s.map) return undefined;
  const lookup = (bias?: number) => originalPositionFor(s.map!, { line: gen.line, column: gen.column - 1, ...(bias ? { bias: bias as typeof LEAST_UPPER_BOUND } : {}) });
  let pos = lookup();
  if (pos.source === null || pos.line === null) pos = lookup(LEAST_UPPER_BOUND);
  if (pos.source === null || pos.line === null) return undefined;
  const file = pos.source.startsWith('file://') ? fileURLToPath(pos.source) : path.resolve(path.dirname(s.file), pos.source);
  return { file, line: pos.line, column: (pos.column ?? 0) + 1 };
}
