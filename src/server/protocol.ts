import { NotificationType, RequestType } from 'vscode-languageserver/node';
import type { NotificationSpec, RequestSpec } from '../shared/lsp';

/** The server library's RequestType for a shared request spec. */
export function request<P, R>(spec: RequestSpec<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(spec.method);
}

/** The server library's NotificationType for a shared notification spec. */
export function notification<P>(spec: NotificationSpec<P>): NotificationType<P> {
  return new NotificationType<P>(spec.method);
}
