import type { VeniceToast } from "./toast.js";

/** A toast library's `duration`: until dismissed for blocking toasts, else until `expiresAt`. */
export function adapterDuration(toast: VeniceToast): number {
  return toast.expiresAt === undefined
    ? Number.POSITIVE_INFINITY
    : toast.expiresAt - toast.createdAt;
}
