import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { HostChannel } from './host/hostChannel';
import { getHostApi } from './host/vscodeApi';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Leak Hunter webview: the host page has no #root element');

// Created once for the page's lifetime: acquireVsCodeApi may only be called once.
const channel = new HostChannel(getHostApi());

createRoot(container).render(
  <ErrorBoundary>
    <App channel={channel} />
  </ErrorBoundary>,
);
