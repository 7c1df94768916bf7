import { CodeActionKind, createConnection, ProposedFeatures, ResponseError, TextDocumentSyncKind } from 'vscode-languageserver/node';
import {
  AnalysisProgressNotification,
  AnalyzeLadderRequest,
  CancelAnalysisNotification,
  CLASS_HEAD,
  ComparisonPageRequest,
  PublishFindingsNotification,
} from '../shared/lsp';
import { isCancellation, errorMessage } from '../core/common/errors';
import { AnalysisHost } from './analysisHost';
import { ComparisonStore } from './comparisonStore';
import { FindingsPublisher } from './findings';
import { FixProvider } from './codeActions';
import { notification, request } from './protocol';

// The analysis server: its own Node process (own heap limit, set by the client) that parses and
// diffs snapshots in worker threads, so the extension host never does heavy work.
const connection = createConnection(ProposedFeatures.all);
const analyses = new AnalysisHost();
const comparisons = new ComparisonStore();
const findings = new FindingsPublisher(connection);
const fixes = new FixProvider();

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.None,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    codeLensProvider: { resolveProvider: false },
  },
  serverInfo: { name: 'leak-hunter-analysis', version: '0.1.0' },
}));

connection.onRequest(request(AnalyzeLadderRequest), async params => {
  try {
    const result = await analyses.analyze(
      params.huntId,
      { files: params.files, options: { canaryIds: params.canaryIds, topOwners: params.topOwners } },
      report => void connection.sendNotification(notification(AnalysisProgressNotification), { huntId: params.huntId, ...report }),
    );
    comparisons.put(params.huntId, result.classes, result.rungs.length, params.comparisonFile);
    return { ...result, classes: result.classes.slice(0, CLASS_HEAD), classTotal: result.classes.length };
  } catch (e) {
    // The message crosses to the extension as is: it names the file and what was wrong.
    throw new ResponseError(isCancellation(e) ? -32800 : -32603, errorMessage(e));
  }
});

connection.onRequest(request(ComparisonPageRequest), params => {
  try {
    return comparisons.page(params.huntId, params.query, params.comparisonFile);
  } catch (e) {
    throw new ResponseError(-32603, errorMessage(e));
  }
});

connection.onNotification(notification(CancelAnalysisNotification), params => analyses.cancel(params.huntId));
connection.onNotification(notification(PublishFindingsNotification), params => {
  fixes.setReport(params.report);
  findings.publish(params.report);
  // Lenses are pulled per document: ask the client to pull them again for the new report.
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});
connection.onCodeAction(params => fixes.codeActions(params));
connection.onCodeLens(params => fixes.codeLenses(params));
connection.onShutdown(() => analyses.dispose());

connection.listen();
