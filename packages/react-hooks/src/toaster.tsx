import { type ReactElement, useContext, useEffect, useRef } from "react";
import { TICK_MS } from "./clock.js";
import { VeniceErrorContext } from "./context.js";
import { veniceToasterCss } from "./styles.js";
import type { VeniceToast } from "./toast.js";
import { VeniceToastBody } from "./toast-body.js";
import { useVeniceToasts } from "./use-venice-toasts.js";

/** Props of `VeniceToaster`. */
export interface VeniceToasterProps {
  /** Render no `<style>`: style the `venice-*` classes yourself. */
  unstyled?: boolean;
  /** Class of the container (default `venice-toaster`, which the default stylesheet targets). */
  className?: string;
}

/**
 * The built-in toaster. Transient errors are announced politely (`role="status"`), blocking
 * ones (auth, billing) with `role="alert"`; both regions exist before any toast arrives. It
 * never moves focus; the pointer or focus inside pauses auto-dismiss; Escape dismisses.
 */
export function VeniceToaster({
  unstyled,
  className = "venice-toaster",
}: VeniceToasterProps): ReactElement {
  const { locale, clock, queue } = useContext(VeniceErrorContext);
  const { toasts, dismiss } = useVeniceToasts();
  // Only toasts that expire need the ticker; pruning re-renders through the store.
  const expiring = toasts.some((toast) => toast.expiresAt !== undefined);
  useEffect(() => {
    if (!expiring) return;
    return clock.every(TICK_MS, () => queue.prune(clock.now()));
  }, [expiring, clock, queue]);

  // Auto-dismiss waits while the pointer or focus is inside (WCAG 2.2.1).
  const hold = useRef({ pointer: false, focus: false });
  const sync = (change: { pointer?: boolean; focus?: boolean }) => {
    const held = Object.assign(hold.current, change);
    if (held.pointer || held.focus) queue.pause(clock.now());
    else queue.resume(clock.now());
  };
  // A removed button takes the focus with it without a blur event.
  const close = (id: string) => {
    dismiss(id);
    sync({ focus: false });
  };

  const list = (blocking: boolean) =>
    toasts
      .filter((toast) => toast.blocking === blocking)
      .map((toast: VeniceToast) => (
        <div
          key={toast.id}
          className="venice-toast"
          data-category={toast.error.category}
          data-blocking={toast.blocking ? "" : undefined}
          data-venice-toast={toast.id}
        >
          <VeniceToastBody
            toast={toast}
            locale={locale}
            clock={clock}
            onDismiss={() => close(toast.id)}
          />
        </div>
      ));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: pausing on hover/focus and Escape are conveniences; every control is a real button.
    <div
      className={className}
      onMouseEnter={() => sync({ pointer: true })}
      onMouseLeave={() => sync({ pointer: false })}
      onFocus={() => sync({ focus: true })}
      onBlur={() => sync({ focus: false })}
      onKeyDown={(event) => {
        const toast = (event.target as Element).closest("[data-venice-toast]");
        const id = toast?.getAttribute("data-venice-toast");
        if (event.key === "Escape" && id) close(id);
      }}
    >
      {unstyled ? null : <style>{veniceToasterCss}</style>}
      <div role="alert" aria-atomic="false" className="venice-toaster-list">
        {list(true)}
      </div>
      <div role="status" aria-live="polite" aria-atomic="false" className="venice-toaster-list">
        {list(false)}
      </div>
    </div>
  );
}
