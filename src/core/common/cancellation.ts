import { CancelledError } from './errors';
import { IDisposable, toDisposable } from './disposable';

/** Structurally compatible with vscode.CancellationToken, so the extension can pass its own. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): IDisposable;
}

export const neverCancelled: CancellationToken = {
  isCancellationRequested: false,
  onCancellationRequested: () => toDisposable(() => undefined),
};

class MutableToken implements CancellationToken {
  isCancellationRequested = false;
  readonly listeners = new Set<() => void>();

  onCancellationRequested(listener: () => void): IDisposable {
    if (this.isCancellationRequested) {
      queueMicrotask(listener);
      return toDisposable(() => undefined);
    }
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }
}

/** Source of a token; `cancel()` notifies listeners once. A parent token cancels it too. */
export class CancellationTokenSource implements IDisposable {
  private readonly mutable = new MutableToken();
  private readonly parentLink?: IDisposable;
  readonly token: CancellationToken = this.mutable;

  constructor(parent?: CancellationToken) {
    if (parent) {
      if (parent.isCancellationRequested) this.mutable.isCancellationRequested = true;
      else this.parentLink = parent.onCancellationRequested(() => this.cancel());
    }
  }

  cancel(): void {
    if (this.mutable.isCancellationRequested) return;
    this.mutable.isCancellationRequested = true;
    for (const l of [...this.mutable.listeners]) l();
    this.mutable.listeners.clear();
  }

  dispose(): void {
    this.parentLink?.dispose();
    this.mutable.listeners.clear();
  }
}

/** Throws CancelledError when the token is cancelled; call between steps of long work. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

/** Sleeps `ms`, waking early (with CancelledError) when the token is cancelled. */
export function delay(ms: number, token?: CancellationToken): Promise<void> {
  return new Promise((resolve, reject) => {
    if (token?.isCancellationRequested) return reject(new CancelledError());
    const sub = token?.onCancellationRequested(() => {
      clearTimeout(timer);
      reject(new CancelledError());
    });
    const timer = setTimeout(() => {
      sub?.dispose();
      resolve();
    }, ms);
  });
}

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
