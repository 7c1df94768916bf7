// The `leak-hunt` debug adapter over DAP, the way VS Code drives it: served on a port in this
// process, with the in-process heap engine standing in for the language server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { createLocalAnalyzer } from '../../../src/core/heap';
import { LeakHuntDebugSession, type HuntOutcome, type LeakHuntHost } from '../../../src/extension/launch/huntDebugSession';
import type { Report } from '../../../src/shared/report';

const fixture = path.resolve(__dirname, '../../fixtures/launch/leaky-registry.js');
const finished: { outcome: HuntOutcome; report: Report; file: string }[] = [];

/** A host like the editor's, minus VS Code: a temp folder, the local analyzer, report.json on disk. */
const host: LeakHuntHost = {
  async begin() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-adapter-'));
    return {
      dir,
      analyzer: createLocalAnalyzer(),
      async finish(report, outcome) {
        const file = path.join(dir, 'report.json');
        fs.writeFileSync(file, JSON.stringify(report));
        finished.push({ outcome, report, file });
        return file;
      },
      dispose: () => undefined,
    };
  },
};

let server: net.Server;
let port = 0;

before(async () => {
  server = net.createServer(socket => {
    const session = new LeakHuntDebugSession(host);
    session.setRunAsServer(true);
    session.start(socket, socket);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});

after(() => server.close());

/** Connects a client and collects every output event it receives. */
async function connect(): Promise<{ dc: DebugClient; output: DebugProtocol.OutputEvent[] }> {
  const dc = new DebugClient('node', '', 'leak-hunt');
  dc.defaultTimeout = 10_000;
  const output: DebugProtocol.OutputEvent[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => (output.push(e), process.env.LH_TRACE && process.stderr.write(e.body.output)));
  await dc.start(port);
  return { dc, output };
}

const text = (output: DebugProtocol.OutputEvent[]) => output.map(e => e.body.output).join('');

test('F5 on a leaky program: phases, live slope, LEAK with the root at file:line, report saved, exit code 1, terminated', { timeout: 120_000 }, async () => {
  const { dc, output } = await connect();
  try {
    const terminated = dc.waitForEvent('terminated', 110_000);
    const exited = dc.waitForEvent('exited', 110_000);
    await Promise.all([
      dc.configurationSequence(),
      dc.launch({ program: fixture, timeBudget: 40, sampleInterval: 500, snapshots: 3, workload: 'none' }),
      dc.waitForEvent('initialized'),
    ]);
    await terminated;
    const all = text(output);
    assert.equal((await exited).body.exitCode, 1, all);
    assert.match(all, /\[launch\] node .*leaky-registry\.js/);
    assert.match(all, /\[sampling\] 5 samples, t=[\d.]+ s, heap [\d.]+ [kKM]B, no slope yet \(only \d+ samples so far\)/);
    assert.match(all, /\[sampling\] \d+ samples, t=[\d.]+ s, heap .*, slope \+[\d.]+ [kK]B\/s ± [\d.]+ [kKM]?B\/s \(95% CI .*\) (leak|undecided)/);
    assert.match(all, /\[snapshot\] snapshot 3\/3/);
    assert.match(all, /\[analysis\] analysing 3 snapshots/);
    assert.match(all, /LEAK: /);
    assert.match(all, /#1 unbounded-collection: `clients` \(module-variable\) at .*leaky-registry\.js:3:\d+/);
    assert.match(all, /leaky-registry started/, 'the program\'s own output is passed through');
    assert.match(all, /Exit code 1 \(leak confirmed\)/);
    assert.equal(output.find(e => e.body.output.includes('leaky-registry started'))?.body.category, 'stdout', 'program output as stdout');
    assert.equal(output.find(e => e.body.output.startsWith('LEAK: '))?.body.category, 'important', 'the verdict is surfaced as a notification too');
    const last = finished.at(-1)!;
    assert.equal(last.outcome, 'done');
    assert.equal(last.report.verdict, 'leak');
    assert.match(all, new RegExp(`Report: ${last.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(last.report.suspects[0].root.location?.line, 3);
    assert.ok(last.report.snapshots.every(s => fs.existsSync(s.file)));
  } finally {
    await dc.stop();
  }
});

test('a configuration without program is refused with a message naming the attribute', async () => {
  const { dc } = await connect();
  try {
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ timeBudget: 30 } as DebugProtocol.LaunchRequestArguments), /"program" is required/);
  } finally {
    await dc.stop();
  }
});

test('Stop mid-hunt cancels it, shuts the program down and keeps the samples in a partial report', { timeout: 60_000 }, async () => {
  const { dc, output } = await connect();
  try {
    const terminated = dc.waitForEvent('terminated', 30_000);
    await Promise.all([dc.configurationSequence(), dc.launch({ program: fixture, timeBudget: 60, sampleInterval: 300 }), dc.waitForEvent('initialized')]);
    // Wait until sampling has produced a few samples, then stop like the Stop button does.
    const deadline = Date.now() + 20_000;
    while (!/\[sampling\] 5 samples/.test(text(output)) && Date.now() < deadline) await new Promise(r => setTimeout(r, 200));
    const before = finished.length;
    await dc.terminateRequest();
    await terminated;
    const all = text(output);
    assert.match(all, /Hunt stopped: the program was shut down\./);
    assert.match(all, /Exit code 2 \(error\)/);
    assert.equal(finished.length, before + 1);
    const last = finished.at(-1)!;
    assert.equal(last.outcome, 'cancelled');
    assert.ok(last.report.trend.samples.length >= 5, 'the samples taken before Stop are in the partial report');
    assert.ok(fs.existsSync(last.file));
    const pid = Number(/leaky-registry started (\d+)/.exec(all)?.[1]);
    assert.ok(pid > 0, 'the program printed its pid');
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the program is no longer running');
  } finally {
    await dc.stop();
  }
});

test('a program that exits mid-hunt: the reason and its exit in the console, exit code 2, the partial report kept', { timeout: 60_000 }, async () => {
  const { dc, output } = await connect();
  try {
    const terminated = dc.waitForEvent('terminated', 50_000);
    const exited = dc.waitForEvent('exited', 50_000);
    const program = path.resolve(__dirname, '../../fixtures/workspace/exits-soon.js');
    await Promise.all([dc.configurationSequence(), dc.launch({ program, timeBudget: 40, sampleInterval: 300, env: { EXIT_AFTER_MS: '4000' } }), dc.waitForEvent('initialized')]);
    await terminated;
    const all = text(output);
    assert.equal((await exited).body.exitCode, 2, all);
    assert.match(all, /Hunt failed: the program exited \(code 0\)/);
    assert.match(all, /Kept \d+ samples and \d+ snapshots in .*; report: .*report\.json/);
    assert.match(all, /Exit code 2 \(error\)/);
    const last = finished.at(-1)!;
    assert.equal(last.outcome, 'failed');
    assert.ok(last.report.trend.samples.length >= 3, 'samples before the exit are kept');
  } finally {
    await dc.stop();
  }
});
