import {
  type VeniceError,
  type VeniceLocale,
  type VeniceLocaleTexts,
  veniceLocaleTexts,
} from "@venice-errors/core";
import { type ReactElement, type ReactNode, useMemo, useRef, useState } from "react";
import { systemClock, type VeniceClock } from "./clock.js";
import { VeniceErrorContext, type VeniceErrorContextValue } from "./context.js";
import { createDedupe, dedupeKey } from "./dedupe.js";
import { isBlockingError, type VeniceToast, type VeniceToastAdapter } from "./toast.js";
import { createToastQueue } from "./toast-queue.js";
import type { VeniceReactLocaleTexts } from "./ui-texts.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Props of `VeniceErrorProvider`. */
export interface VeniceErrorProviderProps {
  children?: ReactNode;
  /**
   * Language of every message and label: texts such as `ko` from
   * `@venice-errors/react-hooks/locales/ko`, or the name of a registered locale. Default English.
   */
  locale?: VeniceLocale | VeniceLocaleTexts;
  /** Send toasts to a toast library instead of `<VeniceToaster />` (see `/sonner`, `/react-hot-toast`). */
  toast?: VeniceToastAdapter;
  /** While its toast is on screen, the same code and status is toasted once within this many ms (default 5000). */
  dedupeMs?: number;
  /** How long a transient toast stays after any countdown ends, in ms (default 6000). */
  duration?: number;
  /** Called with every handled error, including deduplicated ones (for logging). */
  onError?: (error: VeniceError) => void;
  /** Which errors block the person until they act (default: auth and billing). */
  blocking?: (error: VeniceError) => boolean;
  /** Time source and ticker; inject one in tests. */
  clock?: VeniceClock;
}

/** Shares locale, toasts, dedupe and `onError` with every `useVeniceError()` below it. */
export function VeniceErrorProvider(props: VeniceErrorProviderProps): ReactElement {
  const { clock = systemClock } = props;
  const locale: VeniceReactLocaleTexts = veniceLocaleTexts(props.locale);
  // Latest props for `report`, so inline callbacks do not change the context on every render.
  const latest = useRef(props);
  latest.current = props;
  const [shared] = useState(() => {
    const dedupe = createDedupe();
    return {
      // A toast that is gone no longer holds back the next identical error.
      queue: createToastQueue(5, (toast) => dedupe.gone(toast.id)),
      dedupe,
      count: 0,
    };
  });

  const value = useMemo<VeniceErrorContextValue>(() => {
    const { queue, dedupe } = shared;
    return {
      locale,
      clock,
      queue,
      report(error, options, retryAt) {
        const { onError, dedupeMs = 5000, duration = 6000, blocking, toast } = latest.current;
        onError?.(error);
        // A cancel is the person's own doing: nothing to tell them.
        if (options.toast === false || error.code === "ABORTED") return undefined;
        const now = clock.now();
        const key = dedupeKey(error);
        const showing = dedupe.showing(key, now, dedupeMs);
        if (showing !== undefined) return showing;
        const id = `venice-${++shared.count}`;
        const isBlocking = (blocking ?? isBlockingError)(error);
        const item: Mutable<VeniceToast> = { id, key, error, blocking: isBlocking, createdAt: now };
        // Optional fields only when set: adapters see exactly the keys that mean something.
        if (retryAt !== undefined) item.retryAt = retryAt;
        if (!isBlocking) item.expiresAt = (retryAt ?? now) + duration;
        if (options.retry) item.retry = options.retry;
        if (options.onAction) item.onAction = options.onAction;
        dedupe.shown(key, id, now);
        if (toast) toast.show(item, { locale, clock, closed: dedupe.gone });
        else queue.add(item);
        return id;
      },
      dismiss(id) {
        const { toast } = latest.current;
        if (toast) {
          toast.dismiss(id);
          dedupe.gone(id);
        } else queue.dismiss(id);
      },
    };
  }, [locale, clock, shared]);

  return <VeniceErrorContext.Provider value={value}>{props.children}</VeniceErrorContext.Provider>;
}
