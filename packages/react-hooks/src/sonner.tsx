"use client";

import { formatVeniceError } from "@venice-errors/core";
import { toast as sonnerToast } from "sonner";
import { adapterDuration } from "./adapter-duration.js";
import type { VeniceToastAdapter } from "./toast.js";
import { VeniceToastAction } from "./toast-action.js";

/** Options of `sonnerAdapter`. */
export interface SonnerAdapterOptions {
  /** sonner's `toast` function (default: the one imported from `sonner`). */
  toast?: typeof sonnerToast;
}

/**
 * Shows Venice errors with sonner: `toast.error(title, { description, action })`, the action
 * being the same link, counting retry button or advice as in `<VeniceToaster />`.
 *
 * @example <VeniceErrorProvider toast={sonnerAdapter()}>…<Toaster /></VeniceErrorProvider>
 */
export function sonnerAdapter(options: SonnerAdapterOptions = {}): VeniceToastAdapter {
  const toast = options.toast ?? sonnerToast;
  return {
    show(item, { locale, clock, closed }) {
      const { title, description, detail, action } = formatVeniceError(item.error, {
        locale,
        retryInSeconds: 0,
      });
      toast.error(title, {
        id: item.id,
        // The server's words under the title, as text (React escapes it), then the catalog's.
        description: detail ? (
          <>
            <span className="venice-toast-detail" style={{ display: "block" }}>
              {detail}
            </span>
            {description}
          </>
        ) : (
          description
        ),
        duration: adapterDuration(item),
        closeButton: true,
        onDismiss: () => closed(item.id),
        onAutoClose: () => closed(item.id),
        ...(action && {
          action: (
            <VeniceToastAction
              toast={item}
              locale={locale}
              clock={clock}
              onDone={() => toast.dismiss(item.id)}
              dataAttributes={{ "data-button": "" }}
            />
          ),
        }),
      });
    },
    dismiss: (id) => {
      toast.dismiss(id);
    },
  };
}
