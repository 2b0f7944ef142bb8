import type { VeniceLocaleTexts } from "@venice-errors/core";

/** The toaster's own labels (the error texts come from core). */
export interface VeniceUiTexts {
  /** Accessible name of the × button. */
  dismiss: string;
}

/** A locale for react-hooks: core's texts plus the toaster's labels (English labels when absent). */
export interface VeniceReactLocaleTexts extends VeniceLocaleTexts {
  ui?: VeniceUiTexts;
}

export const englishUi: VeniceUiTexts = { dismiss: "Dismiss" };
