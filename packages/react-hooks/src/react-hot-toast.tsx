"use client";

import { toast as hotToast } from "react-hot-toast";
import { adapterDuration } from "./adapter-duration.js";
import type { VeniceToastAdapter } from "./toast.js";
import { VeniceToastBody } from "./toast-body.js";

/** Options of `reactHotToastAdapter`. */
export interface ReactHotToastAdapterOptions {
  /** react-hot-toast's `toast` (default: the one imported from `react-hot-toast`). */
  toast?: typeof hotToast;
}

/**
 * Shows Venice errors with react-hot-toast: `toast.error` with the same title, description,
 * action and dismiss button as `<VeniceToaster />`; blocking errors get `role="alert"`.
 *
 * @example <VeniceErrorProvider toast={reactHotToastAdapter()}>…<Toaster /></VeniceErrorProvider>
 */
export function reactHotToastAdapter(
  options: ReactHotToastAdapterOptions = {},
): VeniceToastAdapter {
  const toast = options.toast ?? hotToast;
  return {
    show(item, { locale, clock, closed }) {
      toast.error(
        () => (
          <span
            className="venice-toast"
            style={{ display: "flex", flexDirection: "column", gap: 4 }}
          >
            <VeniceToastBody
              toast={item}
              locale={locale}
              clock={clock}
              onDismiss={() => {
                toast.dismiss(item.id);
                closed(item.id);
              }}
            />
          </span>
        ),
        {
          id: item.id,
          duration: adapterDuration(item),
          ariaProps: item.blocking
            ? { role: "alert", "aria-live": "assertive" }
            : { role: "status", "aria-live": "polite" },
        },
      );
    },
    dismiss: (id) => {
      toast.dismiss(id);
    },
  };
}
