import type { VeniceLocale } from "@venice-errors/core";

/** The toaster's own labels (the error texts come from core). */
export const uiTexts: Record<VeniceLocale, { dismiss: string }> = {
  en: { dismiss: "Dismiss" },
  ko: { dismiss: "닫기" },
};
