import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity, Range, type CodeActionParams } from 'vscode-languageserver/node';
import type { Fix, Report } from '../shared/report';
import { FixProvider } from './codeActions';
import { DIAGNOSTIC_SOURCE, ROOT_CODE } from './findings';

const fix = (kind: Fix['kind'], title: string): Fix => ({ kind, title, explanation: `${title}: why`, edits: [{ file: '/app.js', startLine: 3, startColumn: 19, endLine: 3, endColumn: 22, newText: kind }] });

function report(alternatives?: Fix[]): Report {
  return {
    schemaVersion: 1,
    verdict: 'leak',
    trend: { samples: [], slopeBytesPerSec: 1000, ci95: [900, 1100], warmupEndsAt: 0, reason: 'grows' },
    snapshots: [],
    suspects: [{
      rank: 1, className: 'Map', archetype: 'unbounded-collection', countDelta: 10, retainedDelta: 1000, growthBytesPerSec: 1000, retainerPath: [],
      root: { name: 'cache', kind: 'module-variable', location: { file: '/app.js', line: 3, column: 7 } },
      fix: fix('lru-cap', 'Cap `cache`'),
      ...(alternatives ? { alternatives } : {}),
    }],
  };
}

const params: CodeActionParams = {
  textDocument: { uri: 'file:///app.js' },
  range: Range.create(2, 6, 2, 7),
  context: { diagnostics: [{ range: Range.create(2, 6, 2, 7), severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: ROOT_CODE, message: 'Leak', data: { rank: 1 } }] },
};

test('the preferred fix and its alternatives are quick fixes, exactly one preferred, each previewed before it applies', () => {
  const provider = new FixProvider();
  provider.setReport(report([fix('ttl', 'Expire `cache`'), fix('weakmap', 'Make `cache` a WeakMap')]));
  const actions = provider.codeActions(params);
  assert.deepEqual(actions.map(a => a.title), ['Cap `cache`', 'Expire `cache`', 'Make `cache` a WeakMap']);
  assert.deepEqual(actions.map(a => a.isPreferred), [true, false, false]);
  for (const a of actions) {
    assert.equal(a.kind, CodeActionKind.QuickFix);
    const annotations = Object.values(a.edit?.changeAnnotations ?? {});
    assert.equal(annotations.length, 1);
    assert.equal(annotations[0].needsConfirmation, true, `${a.title} is previewed`);
    assert.equal(annotations[0].label, a.title);
  }
});

test('a report without alternatives (written before they existed) still gets its preferred fix', () => {
  const provider = new FixProvider();
  provider.setReport(report());
  const actions = provider.codeActions(params);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].isPreferred, true);
});
