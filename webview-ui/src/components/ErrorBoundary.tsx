import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  children: ReactNode;
}
interface State {
  error?: Error;
}

/**
 * Keeps a rendering bug in one part of the panel from leaving the user with a blank webview:
 * the message stays readable and "Try again" re-mounts the tree, which asks the host for its data again.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[leak-hunter webview] render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="lh-crash" role="alert">
        <h2>The Leak Hunter panel hit a problem</h2>
        <p>{error.message || String(error)}</p>
        <p className="lh-muted">The hunt and its report are kept by the extension; nothing was lost.</p>
        <button type="button" className="lh-button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
