import type { VeniceToast } from "./toast.js";

/** The toasts on screen: a tiny external store for `useSyncExternalStore`. */
export interface ToastQueue {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly VeniceToast[];
  /** Adds a toast, replacing one with the same key; the oldest go beyond `limit`. */
  add(toast: VeniceToast): void;
  dismiss(id: string): void;
  /** Removes toasts whose time is up; does nothing while paused. */
  prune(now: number): void;
  /** Stops the clock of every toast (pointer or focus inside the toaster). */
  pause(now: number): void;
  /** Restarts it, adding the paused time to every toast's expiry. */
  resume(now: number): void;
}

const NONE: readonly VeniceToast[] = [];

/** Snapshot on the server and before hydration: always the same empty list. */
export const noToasts = (): readonly VeniceToast[] => NONE;

/** `onRemove` hears of every toast that leaves: dismissed, timed out, replaced or pushed out. */
export function createToastQueue(limit = 5, onRemove?: (toast: VeniceToast) => void): ToastQueue {
  let toasts = NONE;
  let pausedAt: number | undefined;
  const listeners = new Set<() => void>();
  const set = (next: readonly VeniceToast[]) => {
    const removed = toasts.filter((t) => !next.some((n) => n.id === t.id));
    toasts = next;
    for (const listener of listeners) listener();
    if (onRemove) for (const toast of removed) onRemove(toast);
  };
  const keep = (test: (toast: VeniceToast) => boolean) => {
    const next = toasts.filter(test);
    if (next.length !== toasts.length) set(next);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => toasts,
    add: (toast) => set([...toasts.filter((t) => t.key !== toast.key), toast].slice(-limit)),
    dismiss: (id) => keep((t) => t.id !== id),
    prune(now) {
      if (pausedAt === undefined) keep((t) => t.expiresAt === undefined || t.expiresAt > now);
    },
    pause(now) {
      pausedAt ??= now;
    },
    resume(now) {
      if (pausedAt === undefined) return;
      const shift = now - pausedAt;
      pausedAt = undefined;
      if (toasts.length > 0) {
        set(
          toasts.map((t) =>
            t.expiresAt === undefined ? t : { ...t, expiresAt: t.expiresAt + shift },
          ),
        );
      }
    },
  };
}
