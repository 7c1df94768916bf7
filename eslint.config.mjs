// Layer rules (see DESIGN.md): enforced here so `npm test` fails on a violation.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map(m => `node:${m}`)];
const vscodeOnly = ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'];

/** A `no-restricted-imports` rule entry: exact names plus glob patterns, one message. */
function restrict(message, { names = [], patterns = [] }) {
  return [
    'error',
    {
      // `paths` match exact module names only; anything with a glob belongs in `patterns`.
      paths: names.filter(n => !n.includes('*')).map(name => ({ name, message })),
      patterns: [...patterns, ...names.filter(n => n.includes('*'))].length
        ? [{ group: [...patterns, ...names.filter(n => n.includes('*'))], message }]
        : [],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'node_modules/**', '.vscode-test/**', 'out/**', '*.vsix',
      'test/fixtures/**', 'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('src/core is the engine: it never imports vscode, the language client/server or React (DESIGN.md, layers).', {
        names: [...vscodeOnly, 'vscode-languageserver', 'react', 'react-dom', 'recharts'],
        patterns: ['vscode-languageserver/*', '**/extension/**', '**/server/**', '**/cli/**', '**/webview-ui/**'],
      }),
    },
  },
  {
    files: ['src/core/hunt/**/*.ts', 'src/core/cdp/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('The hunt and CDP layers run on the extension host too: reach heap analysis through the SnapshotAnalyzer port, never core/heap directly; never vscode.', {
        names: [...vscodeOnly, 'vscode-languageserver', 'react', 'react-dom', 'recharts'],
        patterns: ['vscode-languageserver/*', '**/extension/**', '**/server/**', '**/cli/**', '**/webview-ui/**', '**/heap/*', '!**/heap/model'],
      }),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('The analysis server is a plain Node process: it never imports vscode or extension code.', {
        names: [...vscodeOnly, 'react', 'react-dom', 'recharts'],
        patterns: ['**/extension/**', '**/webview-ui/**', '**/cli/**'],
      }),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('The CLI runs without VS Code.', {
        names: [...vscodeOnly, 'vscode-languageserver', 'react', 'react-dom'],
        patterns: ['**/extension/**', '**/server/**', '**/webview-ui/**'],
      }),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('src/shared holds wire contracts only: no vscode, no Node built-ins, no engine code (the webview imports it).', {
        names: [...vscodeOnly, ...nodeBuiltins, 'react'],
        // core/heap/model is the engine's types-only port; contracts may name its result types.
        patterns: [
          '**/core/heap/*', '!**/core/heap/model', '**/core/heap/*/**',
          '**/core/cdp/**', '**/core/leak/**', '**/core/fix/**', '**/core/report/**', '**/core/hunt/**', '**/core/common/**',
          '**/extension/**', '**/server/**', '**/cli/**', '**/webview-ui/**',
        ],
      }),
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('Heavy analysis never runs on the extension host: go through the analysis server (src/shared/lsp.ts), not core/heap, core/leak or core/report internals.', {
        names: ['react', 'react-dom', 'recharts'],
        patterns: ['**/core/heap/*', '!**/core/heap/model', '**/server/**', '**/webview-ui/**', '**/cli/**'],
      }),
    },
  },
  {
    files: ['webview-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict('The webview imports React, recharts and the shared contracts only: no vscode, no Node built-ins, no engine code.', {
        names: [...vscodeOnly, ...nodeBuiltins],
        patterns: ['**/src/core/**', '**/src/extension/**', '**/src/server/**', '**/src/cli/**', 'vscode-languageserver*'],
      }),
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
