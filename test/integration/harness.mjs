// Boots a real VS Code for tests: code-server (VS Code 1.100 server + remote Node extension
// host + built-in js-debug) on loopback, driven by headless Chromium through playwright-core.
// code-server takes the test flags only through the web client's `payload` URL parameter.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CS_VERSION = '4.100.3';
const CACHE_ROOT = process.env.LEAK_HUNTER_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'leak-hunter');
export const CODE_SERVER = process.env.CODE_SERVER_DIR || path.join(CACHE_ROOT, `code-server-${CS_VERSION}`, 'node_modules', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A private run folder: user data, extensions dir and settings that keep VS Code quiet. */
export function makeRunDir() {
  const base = path.join(ROOT, '.vscode-test');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'run-'));
  fs.mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'extensions'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'debug.openDebug': 'neverOpen',
    'debug.internalConsoleOptions': 'neverOpen',
    'git.enabled': false,
  }, null, 2));
  return dir;
}

/** Starts code-server on 127.0.0.1 (random port) in its own process group; resolves {port, stop}. */
export async function startCodeServer(runDir, extraEnv = {}) {
  // Private TMPDIR: the server, git and js-debug leave unix sockets there when killed.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-vsc-'));
  const env = {
    ...process.env, ...extraEnv, TMPDIR: sockDir, HOME: runDir,
    XDG_CONFIG_HOME: path.join(runDir, 'config'), XDG_DATA_HOME: path.join(runDir, 'data'), XDG_CACHE_HOME: path.join(runDir, 'cache'),
  };
  const args = [path.join(CODE_SERVER, 'out', 'node', 'entry.js'),
    '--bind-addr', '127.0.0.1:0', '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--config', path.join(runDir, 'config.yaml'),
    '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions')];
  const proc = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  proc.stdout.pipe(logFile);
  proc.stderr.pipe(logFile);
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s; see ${runDir}/code-server.log`)), 60_000);
    const onData = d => {
      buf += d;
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        proc.stdout.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.once('exit', c => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${c}); see ${runDir}/code-server.log`));
    });
  });
  const killGroup = sig => { try { process.kill(-proc.pid, sig); } catch { /* already gone */ } };
  async function stop() {
    // The group holds the extension host, pty host and any debuggee: end them all.
    if (proc.exitCode === null && proc.signalCode === null) {
      await new Promise(resolve => {
        const t = setTimeout(resolve, 10_000);
        proc.once('exit', () => { clearTimeout(t); resolve(); });
        killGroup('SIGTERM');
      });
    }
    killGroup('SIGKILL');
    fs.rmSync(sockDir, { recursive: true, force: true });
  }
  return { port, proc, stop };
}

/** Launches Debian's Chromium headless with the flags this offline machine needs. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Run \`npm run setup:code-server\` (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The workbench URL that opens `folder` with our extension (and test module, if given) loaded. */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  return `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
