// The layer rules live in eslint.config.mjs; this proves they bite. Each case lints a snippet
// as if it were a file in that folder (nothing is written to disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message);
}

const violations: [file: string, code: string][] = [
  ['src/core/heap/violation.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ['src/core/leak/violation.ts', "import { LanguageClient } from 'vscode-languageclient/node';\nexport const x = LanguageClient;\n"],
  ['src/server/violation.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ['src/shared/violation.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"],
  ['src/core/hunt/violation.ts', "import { x } from '../heap/reader';\nexport const y = x;\n"],
  ['src/extension/violation.ts', "import { x } from '../core/heap/dominators';\nexport const y = x;\n"],
  ['webview-ui/src/violation.tsx', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ['webview-ui/src/violation2.tsx', "import * as fs from 'fs';\nexport const x = fs;\n"],
  ['webview-ui/src/violation3.tsx', "import { x } from '../../src/core/heap/model';\nexport const y = x;\n"],
];

for (const [file, code] of violations) {
  test(`lint rejects the layer violation in ${file}`, async () => {
    const errors = await importErrors(file, code);
    assert.equal(errors.length, 1, `expected one no-restricted-imports error, got ${JSON.stringify(errors)}`);
  });
}

const allowed: [file: string, code: string][] = [
  ['src/extension/allowed.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ['src/core/hunt/allowed.ts', "import type { SnapshotAnalyzer } from '../heap/model';\nexport type X = SnapshotAnalyzer;\n"],
  ['src/core/heap/allowed.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"],
  ['webview-ui/src/allowed.tsx', "import type { Report } from '../../src/shared/report';\nexport type X = Report;\n"],
];

for (const [file, code] of allowed) {
  test(`lint allows the import in ${file}`, async () => {
    assert.deepEqual(await importErrors(file, code), []);
  });
}

test('shared contracts may name the heap port types but not engine code', async () => {
  assert.deepEqual(await importErrors('src/shared/ok.ts', "import type { LadderResult } from '../core/heap/model';\nexport type X = LadderResult;\n"), []);
  assert.equal((await importErrors('src/shared/bad.ts', "import { x } from '../core/heap/parse/reader';\nexport const y = x;\n")).length, 1);
  assert.equal((await importErrors('src/shared/bad2.ts', "import { x } from '../core/leak/verdict';\nexport const y = x;\n")).length, 1);
});
