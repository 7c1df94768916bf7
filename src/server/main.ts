import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

// The analysis server: a separate Node process (own heap limit) that hosts heap analysis so
// the extension host never parses snapshots. Requests are added as the features land.
const connection = createConnection(ProposedFeatures.all);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.None },
  serverInfo: { name: 'leak-hunter-analysis', version: '0.1.0' },
}));

connection.listen();
