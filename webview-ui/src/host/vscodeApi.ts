/**
 * The one place that touches `acquireVsCodeApi`. VS Code throws if it is called twice, and the
 * rest of the panel should not know whether it runs in VS Code, a test or the browser harness.
 */
import type { WebviewToHostMessage } from '../../../src/shared/webview';

/** What VS Code injects into the webview's global scope. */
interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Typed access to the host: messages go out through `post`, small UI state through get/setState. */
export interface HostApi {
  post(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

let acquired: HostApi | undefined;

export function wrapRawApi(raw: RawVsCodeApi): HostApi {
  return {
    post: message => raw.postMessage(message),
    getState: () => raw.getState(),
    setState: state => raw.setState(state),
  };
}

/**
 * Acquires the VS Code API once. Outside a webview (a plain page during development) it falls
 * back to an in-memory stand-in so the panel still renders and logs what it would have sent.
 */
export function getHostApi(): HostApi {
  if (acquired) return acquired;
  const acquire = (globalThis as { acquireVsCodeApi?: () => RawVsCodeApi }).acquireVsCodeApi;
  if (typeof acquire === 'function') {
    acquired = wrapRawApi(acquire());
  } else {
    let state: unknown;
    acquired = {
      post: message => console.info('[leak-hunter webview] no VS Code host; would post', message),
      getState: () => state,
      setState: s => {
        state = s;
      },
    };
  }
  return acquired;
}
