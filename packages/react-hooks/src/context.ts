import type { VeniceError } from "@venice-errors/core";
import { en } from "@venice-errors/core/locales/en";
import { createContext } from "react";
import { systemClock, type VeniceClock } from "./clock.js";
import type { VeniceActionKind } from "./toast.js";
import { createToastQueue, type ToastQueue } from "./toast-queue.js";
import type { VeniceReactLocaleTexts } from "./ui-texts.js";

/** Options of `handleError`. */
export interface HandleErrorOptions {
  /** Called by the toast's retry button once any server-given wait is over. */
  retry?: () => void;
  /** Called by the toast's action button for actions that are neither links nor retries. */
  onAction?: (kind: VeniceActionKind) => void;
  /** `false`: keep the error in the hook only, show no toast. */
  toast?: boolean;
}

/** What the provider shares with hooks and the toaster. */
export interface VeniceErrorContextValue {
  /** The provider's locale, resolved to its texts. */
  locale: VeniceReactLocaleTexts;
  clock: VeniceClock;
  queue: ToastQueue;
  /** Reports an error (onError, dedupe, toast); returns the id of the toast shown, if any. */
  report(error: VeniceError, options: HandleErrorOptions, retryAt?: number): string | undefined;
  dismiss(id: string): void;
}

/** Without a provider: English, real clock, nothing is toasted. */
export const VeniceErrorContext = /* @__PURE__ */ createContext<VeniceErrorContextValue>({
  locale: en,
  clock: systemClock,
  queue: /* @__PURE__ */ createToastQueue(),
  report: () => undefined,
  dismiss: () => {},
});
