/**
 * The webview's end of the message channel: validates everything the host sends, fans messages
 * out to subscribers, and posts `ready` only after its listener is in place, because a `ready`
 * posted earlier makes the host answer into the void (see research/vscode-runtime.md).
 */
import { WEBVIEW_PROTOCOL_VERSION } from '../../../src/shared/webview';
import { explainHostMessage } from '../../../src/shared/webviewValidation';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/shared/webview';
import type { HostApi } from './vscodeApi';

export type HostListener = (message: HostToWebviewMessage) => void;

export class HostChannel {
  private readonly listeners = new Set<HostListener>();
  private readonly invalidListeners = new Set<(reason: string) => void>();
  private nextRequestId = 1;

  constructor(
    private readonly api: HostApi,
    private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  ) {}

  /** Registers the message listener, then says `ready`. Returns the teardown. */
  start(): () => void {
    const onMessage = (event: MessageEvent) => {
      const reason = explainHostMessage(event.data);
      if (reason) {
        for (const l of [...this.invalidListeners]) l(reason);
        return;
      }
      const message = event.data as HostToWebviewMessage;
      for (const l of [...this.listeners]) l(message);
    };
    this.target.addEventListener('message', onMessage);
    this.api.post({ type: 'ready', protocol: WEBVIEW_PROTOCOL_VERSION });
    return () => this.target.removeEventListener('message', onMessage);
  }

  subscribe(listener: HostListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onInvalid(listener: (reason: string) => void): () => void {
    this.invalidListeners.add(listener);
    return () => this.invalidListeners.delete(listener);
  }

  post(message: WebviewToHostMessage): void {
    this.api.post(message);
  }

  /** Request ids are unique per panel lifetime so late answers to old queries can be told apart. */
  newRequestId(): number {
    return this.nextRequestId++;
  }

  get hostApi(): HostApi {
    return this.api;
  }
}
