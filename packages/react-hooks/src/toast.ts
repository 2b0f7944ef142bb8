import type { VeniceError, VeniceErrorMessage } from "@venice-errors/core";
import type { VeniceClock } from "./clock.js";
import type { VeniceReactLocaleTexts } from "./ui-texts.js";

/** The kind of action the catalog suggests (`"add_credits"`, `"wait_and_retry"`, ...). */
export type VeniceActionKind = NonNullable<VeniceErrorMessage["action"]>["kind"];

/** One error on its way to a person: what the toaster or a toast adapter shows. */
export interface VeniceToast {
  readonly id: string;
  /** `code:status`; a new toast replaces an older one with the same key. */
  readonly key: string;
  readonly error: VeniceError;
  /** Auth and billing errors: announced with `role="alert"`, kept until dismissed. */
  readonly blocking: boolean;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms when the retry action becomes available (from `retryAfterMs`). */
  readonly retryAt?: number;
  /** Epoch ms when the toast goes away by itself; `undefined`: when dismissed. */
  readonly expiresAt?: number;
  /** Called by the retry button once the countdown reaches zero. */
  readonly retry?: () => void;
  /** Called by the action button of actions that are not links or retries. */
  readonly onAction?: (kind: VeniceActionKind) => void;
}

/** What an adapter needs besides the toast itself. */
export interface VeniceToastContext {
  /** The provider's locale, resolved to its texts: pass it to `formatVeniceError` as `locale`. */
  locale: VeniceReactLocaleTexts;
  clock: VeniceClock;
  /** Tell the provider the toast is gone (closed by the person or timed out), so a repeat shows again. */
  closed(id: string): void;
}

/** Maps toasts into a toast library (see the `/sonner` and `/react-hot-toast` subpaths). */
export interface VeniceToastAdapter {
  /** Shows a toast. Called once per toast, after dedupe. */
  show(toast: VeniceToast, context: VeniceToastContext): void;
  /** Removes a toast shown earlier (called by `clear()`). */
  dismiss(id: string): void;
}

/** Default for `blocking`: auth and billing problems stop the person until they act. */
export function isBlockingError(error: VeniceError): boolean {
  return error.category === "auth" || error.category === "billing";
}
