import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { readSetting } from '../config';

const SOURCE_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
const MAX_RESTARTS = 3;

/**
 * Starts the analysis server: a separate Node process with its own heap limit, which parses
 * and diffs snapshots in worker threads and serves diagnostics and quick fixes.
 */
export function createAnalysisClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const maxHeapMb = readSetting('server.maxHeapMb');
  const options = { execArgv: [`--max-old-space-size=${maxHeapMb}`] };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options },
    debug: { module, transport: TransportKind.ipc, options },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: SOURCE_LANGUAGES.map(language => ({ scheme: 'file', language })),
    outputChannel: log,
    // Crashing repeatedly (e.g. a snapshot larger than the heap limit) must not loop forever.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts++;
        if (restarts > MAX_RESTARTS) {
          return {
            action: CloseAction.DoNotRestart,
            message: `The Leak Hunter analysis server stopped ${restarts} times. If snapshots are large, raise "leakHunter.server.maxHeapMb" (now ${maxHeapMb} MB) and reload.`,
          };
        }
        return { action: CloseAction.Restart };
      },
    },
    initializationFailedHandler: e => {
      log.error(`analysis server failed to start: ${String(e)}`);
      return false;
    },
  };
  return new LanguageClient('leakHunter.analysis', 'Leak Hunter Analysis', serverOptions, clientOptions);
}
