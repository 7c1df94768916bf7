/**
 * A stand-in for the extension host in component tests: records what the panel posts, keeps its
 * saved state, and delivers host messages through the DOM window like VS Code does.
 */
import { act } from '@testing-library/react';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/shared/webview';
import { HostChannel } from '../host/hostChannel';
import type { HostApi } from '../host/vscodeApi';

export interface FakeHost {
  channel: HostChannel;
  posted: WebviewToHostMessage[];
  state: unknown;
  /** Sends a message as the host would (`webview.postMessage`). Any value: tests send bad ones too. */
  send(message: HostToWebviewMessage | unknown): void;
  /** Called for every message the panel posts, after it is recorded. */
  onPost?: (m: WebviewToHostMessage) => void;
  of<T extends WebviewToHostMessage['type']>(type: T): Extract<WebviewToHostMessage, { type: T }>[];
}

export function createFakeHost(initialState?: unknown): FakeHost {
  const host: FakeHost = {
    posted: [],
    state: initialState,
    channel: undefined as unknown as HostChannel,
    send(message) {
      act(() => {
        window.dispatchEvent(new MessageEvent('message', { data: message }));
      });
    },
    of(type) {
      return host.posted.filter(m => m.type === type) as never;
    },
  };
  const api: HostApi = {
    post(m) {
      // A structured clone, as postMessage makes: the panel must not rely on shared references.
      const copy = JSON.parse(JSON.stringify(m)) as WebviewToHostMessage;
      host.posted.push(copy);
      host.onPost?.(copy);
    },
    getState: () => host.state,
    setState: s => {
      host.state = JSON.parse(JSON.stringify(s));
    },
  };
  host.channel = new HostChannel(api, window);
  return host;
}
