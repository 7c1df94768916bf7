/**
 * For the fix builders' tests: a program written to a temp folder (JavaScript, or TypeScript
 * compiled with its source map), one growing owner attributed in it, its proposed fixes, and a
 * strict type check of TypeScript output.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { GrowingOwner, OwnerKind, PathStep } from '../heap/model';
import { attribute } from '../leak/attribute';
import { ScriptCache } from '../leak/script';
import { proposeFix, type ProposedFix } from './propose';

export interface OwnerSpec {
  name: string;
  ownerKind: OwnerKind;
  className: string;
  /** Text on the root's line in the running script, and the column offset on it. */
  rootLine: string;
  rootKind?: 'module-variable' | 'listener' | 'timer' | 'class-field';
  eventName?: string;
  path: [string, string, string][];
  countDelta?: number;
  retainedDelta?: number;
}

export function tempProject(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-fixes-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const lineOf = (text: string, needle: string) => {
  const i = text.split('\n').findIndex(l => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i + 1;
};

/** Proposes the fixes for one owner of the script at `file` (the running JavaScript). */
export function propose(file: string, o: OwnerSpec, projectRoot?: string): ProposedFix {
  const text = fs.readFileSync(file, 'utf8');
  const line = lineOf(text, o.rootLine);
  const column = text.split('\n')[line - 1].indexOf(o.rootLine) + 1;
  const steps: PathStep[] = o.path.map(([edge, edgeType, node]) => ({ edge, edgeType, node, nodeType: 'object', nodeId: 1 }));
  const owner: GrowingOwner = {
    nodeId: 1, className: o.className, ownerKind: o.ownerKind, eventName: o.eventName, sizes: [1, 2, 3], retainedSizes: [1, 2, 3],
    countDelta: o.countDelta ?? 1000, retainedDelta: o.retainedDelta ?? 5_000_000, monotonic: true, entryClasses: [],
    root: { name: o.name, kind: o.rootKind ?? 'module-variable', location: { scriptName: file, scriptId: 1, line, column }, pathIndex: 0 },
    retainerPath: steps,
  };
  const [a] = attribute({ rungs: [], identity: 'object-id', classes: [], owners: [owner] }, [0, 5, 10], new ScriptCache());
  const proposed = proposeFix(a, { projectRoot: projectRoot ?? path.dirname(file) });
  assert.ok(proposed, 'a fix is proposed');
  return proposed;
}

/** Compiles `src/app.ts` of a project to `dist/app.js` with a source map, as tsc would. */
export function compileTs(dir: string, source: string): { tsFile: string; jsFile: string } {
  const tsFile = path.join(dir, 'src', 'app.ts');
  const jsFile = path.join(dir, 'dist', 'app.js');
  fs.mkdirSync(path.dirname(tsFile), { recursive: true });
  fs.mkdirSync(path.dirname(jsFile), { recursive: true });
  fs.writeFileSync(tsFile, source);
  const out = ts.transpileModule(source, { fileName: tsFile, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, sourceMap: true } });
  const map = JSON.parse(out.sourceMapText!);
  map.sources = ['../src/app.ts'];
  fs.writeFileSync(jsFile, out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '//# sourceMappingURL=app.js.map'));
  fs.writeFileSync(`${jsFile}.map`, JSON.stringify(map));
  return { tsFile, jsFile };
}

/** Errors of `tsc --strict --noEmit` over the files (Node types, modules resolved as Node does). */
export function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    typeRoots: [path.resolve(__dirname, '../../../node_modules/@types')],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map(d => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
