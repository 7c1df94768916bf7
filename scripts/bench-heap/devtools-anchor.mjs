// Chrome DevTools' own heap snapshot worker (npm chrome-devtools-frontend, TypeScript sources)
// bundled for Node on first use and cached, so tests and the benchmark can compare our numbers
// with the real thing. Nothing from it ships in the product.
//
//   loadWithDevTools(file)      -> DevTools' JSHeapSnapshot, initialised as Chrome does it
//                                  (second init step in a worker thread)
//   devtoolsSummary(snapshot)   -> { nodeCount, edgeCount, totalSize, classes: [{ name, retainedSize }] }
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, MessageChannel } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/** Finds chrome-devtools-frontend: $DEVTOOLS_FRONTEND_DIR, the repo's devDependency, or $ANCHORS_DIR. */
function frontendRoot() {
  const candidates = [
    process.env.DEVTOOLS_FRONTEND_DIR,
    path.join(repo, 'node_modules/chrome-devtools-frontend'),
    process.env.ANCHORS_DIR && path.join(process.env.ANCHORS_DIR, 'node_modules/chrome-devtools-frontend'),
  ].filter(Boolean);
  const found = candidates.find(c => fs.existsSync(path.join(c, 'front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts')));
  if (!found) throw new Error(`chrome-devtools-frontend not found (looked in ${candidates.join(', ')}); run npm install`);
  return found;
}

let bundlePromise;

/** Builds (once per DevTools version) and returns the path of the bundled worker code. */
export function devtoolsBundle() {
  bundlePromise ??= buildBundle();
  return bundlePromise;
}

async function buildBundle() {
  const root = frontendRoot();
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const cacheDir = path.join(repo, 'node_modules/.cache/leak-hunter-devtools', version);
  const out = path.join(cacheDir, 'heap-worker.mjs');
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(cacheDir, { recursive: true });
  const fe = path.join(root, 'front_end');
  const write = (name, text) => {
    const p = path.join(cacheDir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const entry = write(
    'entry.ts',
    `export * as Loader from '${fe}/entrypoints/heap_snapshot_worker/HeapSnapshotLoader.js';\n` +
      `export * as Snapshot from '${fe}/entrypoints/heap_snapshot_worker/HeapSnapshot.js';\n`,
  );
  // Leaf modules the analysis never uses for results: UI strings, the text utils barrel (pulls
  // in CodeMirror) and the UI-side model barrel.
  const stubs = new Map([
    [
      path.join(fe, 'core/i18n/i18n.js'),
      write(
        'i18n-stub.js',
        'const s = (x) => x;\nexport const i18n = { registerUIStrings: () => s, getLocalizedString: (_f, x) => x, ' +
          'getLazilyComputedLocalizedString: () => (x) => () => x, lockedString: s, lockedLazyString: (x) => () => x, ' +
          'serializeUIString: (x, v) => JSON.stringify({ string: x, values: v || {} }) };\n',
      ),
    ],
    [path.join(fe, 'core/text_utils/text_utils.js'), write('text-utils.ts', `export * as TextUtils from '${fe}/core/text_utils/TextUtils.js';\n`)],
    [path.join(fe, 'models/heap_snapshot/heap_snapshot.js'), write('model.ts', `export * as HeapSnapshotModel from '${fe}/models/heap_snapshot/HeapSnapshotModel.js';\n`)],
  ]);
  const require = createRequire(path.join(repo, 'package.json'));
  const esbuild = require('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: out + '.tmp.mjs',
    logLevel: 'error',
    // Node 20 has no Promise.withResolvers; DevTools uses it.
    banner: {
      js: 'if (!Promise.withResolvers) Promise.withResolvers = () => { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };',
    },
    plugins: [
      {
        name: 'devtools-paths',
        setup(b) {
          b.onResolve({ filter: /.*/ }, args => {
            if (args.kind === 'entry-point') return undefined;
            const abs = path.resolve(args.resolveDir, args.path);
            if (stubs.has(abs)) return { path: stubs.get(abs) };
            // Sources import './X.js' where the file on disk is './X.ts'.
            if (args.path.startsWith('.') && abs.endsWith('.js') && !fs.existsSync(abs) && fs.existsSync(abs.slice(0, -3) + '.ts')) {
              return { path: abs.slice(0, -3) + '.ts' };
            }
            return undefined;
          });
        },
      },
    ],
  });
  write('second-worker.mjs', `import { workerData } from 'node:worker_threads';\nconst m = await import(workerData.bundle);\nnew m.Snapshot.SecondaryInitManager(workerData.port);\n`);
  fs.renameSync(out + '.tmp.mjs', out);
  return out;
}

/** Loads a snapshot file with DevTools' loader, fed string chunks as Chrome feeds it. */
export async function loadWithDevTools(file) {
  const bundle = await devtoolsBundle();
  const m = await import(pathToFileURL(bundle).href);
  const loader = new m.Loader.HeapSnapshotLoader(undefined);
  await new Promise((resolve, reject) => {
    const rs = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 4 * 1024 * 1024 });
    rs.on('data', chunk => loader.write(chunk));
    rs.on('error', reject);
    rs.on('end', resolve);
  });
  loader.close();
  await loader.parsingComplete;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path.join(path.dirname(bundle), 'second-worker.mjs'), {
    workerData: { bundle: pathToFileURL(bundle).href, port: port2 },
    transferList: [port2],
  });
  const failed = new Promise((_, reject) => worker.on('error', reject));
  try {
    return await Promise.race([loader.buildSnapshot(port1), failed]);
  } finally {
    port1.close();
    await worker.terminate();
  }
}

/** Node/edge counts, total self size and per-class-name retained sizes as DevTools' summary shows them. */
export function devtoolsSummary(s) {
  const nodes = s.nodes;
  let totalSize = 0;
  for (let i = s.nodeSelfSizeOffset; i < nodes.length; i += s.nodeFieldCount) totalSize += nodes.getValue(i);
  const aggregates = s.aggregatesWithFilter({});
  const byName = new Map();
  for (const key in aggregates) {
    const a = aggregates[key];
    const row = byName.get(a.name) ?? { name: a.name, count: 0, retainedSize: 0 };
    row.count += a.count;
    row.retainedSize += a.maxRet;
    byName.set(a.name, row);
  }
  const classes = [...byName.values()].sort((a, b) => b.retainedSize - a.retainedSize);
  return { nodeCount: s.nodeCount, edgeCount: s.containmentEdges.length / s.edgeFieldsCount, totalSize, classes };
}
