import { useContext, useSyncExternalStore } from "react";
import { VeniceErrorContext } from "./context.js";
import type { VeniceToast } from "./toast.js";
import { noToasts } from "./toast-queue.js";

/** The provider's toasts and a way to dismiss them, for apps that render their own toaster. */
export function useVeniceToasts(): {
  toasts: readonly VeniceToast[];
  dismiss: (id: string) => void;
} {
  const { queue } = useContext(VeniceErrorContext);
  const toasts = useSyncExternalStore(queue.subscribe, queue.getSnapshot, noToasts);
  return { toasts, dismiss: queue.dismiss };
}
