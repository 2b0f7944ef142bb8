import type { VeniceErrorCode, VeniceUserAction } from "../catalog.js";

/** The person-facing texts of one language. `{seconds}`, `{model}` and `{id}` are filled in. */
export interface VeniceLocaleTexts {
  /** The language tag (`"en"`, `"ko"`): the name `registerVeniceLocale` files the texts under. */
  locale: string;
  codes: Record<VeniceErrorCode, { title: string; description: string }>;
  actions: Record<Exclude<VeniceUserAction, "none">, string>;
  /** Label of the retry action while a wait is known. */
  retryIn: string;
  /** Sentences appended when the error carries the matching detail. */
  extra: {
    waitSeconds: string;
    recommendedModel: string;
    creditsRefunded: string;
    requestId: string;
    fieldErrors: string;
  };
}
