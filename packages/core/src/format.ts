import type { VeniceUserAction } from "./catalog.js";
import { en } from "./locales/en.js";
import { ko } from "./locales/ko.js";
import type { VeniceLocaleTexts } from "./locales/types.js";
import { toVeniceError } from "./to-venice-error.js";

export type VeniceLocale = "en" | "ko";

/** What to show a person: a title, a sentence or two, and the one action that helps. */
export interface VeniceErrorMessage {
  title: string;
  description: string;
  action?: {
    kind: Exclude<VeniceUserAction, "none">;
    label: string;
    /** Where the action leads, when it is a place (billing page, support, docs). */
    href?: string;
    /** Seconds until a retry makes sense, when the server said. */
    retryInSeconds?: number;
  };
}

export interface FormatOptions {
  locale?: VeniceLocale;
  /** Seconds left to wait; defaults to `retryAfterMs` rounded up. Pass a live countdown here. */
  retryInSeconds?: number;
}

const LOCALES: Record<VeniceLocale, VeniceLocaleTexts> = { en, ko };

const BILLING = "https://venice.ai/settings/api";
const HREFS: Partial<Record<VeniceUserAction, string>> = {
  add_credits: BILLING,
  raise_spend_limit: BILLING,
  check_api_key: BILLING,
  upgrade_plan: BILLING,
  contact_support: "mailto:support@venice.ai",
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** Turns any error into the texts a person should see, in English or Korean. Never throws. */
export function formatVeniceError(input: unknown, options: FormatOptions = {}): VeniceErrorMessage {
  const error = toVeniceError(input);
  const texts = veniceLocaleTexts(options.locale ?? "en");
  const { title, description } = texts.codes[error.code];
  const seconds =
    options.retryInSeconds ??
    (error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : undefined);
  const sentences = [description];
  if (seconds !== undefined && seconds > 0 && error.retryable) {
    sentences.push(fill(texts.extra.waitSeconds, { seconds }));
  }
  if (error.recommendedModel) {
    sentences.push(fill(texts.extra.recommendedModel, { model: error.recommendedModel }));
  }
  if (error.creditsRefunded) sentences.push(texts.extra.creditsRefunded);
  if (error.requestId && (error.category === "server" || error.userAction === "contact_support")) {
    sentences.push(fill(texts.extra.requestId, { id: error.requestId }));
  }
  const message: VeniceErrorMessage = { title, description: sentences.join(" ") };
  const kind = error.userAction;
  if (kind !== "none") {
    const waiting = seconds !== undefined && seconds > 0 && error.retryable;
    const label = waiting ? fill(texts.retryIn, { seconds }) : texts.actions[kind];
    message.action = { kind, label };
    const href =
      HREFS[kind] ??
      (kind === "pay_with_wallet" ||
      kind === "sign_in_again" ||
      kind === "check_wallet" ||
      kind === "use_streaming"
        ? error.docsUrl
        : undefined);
    if (href) message.action.href = href;
    if (waiting) message.action.retryInSeconds = seconds;
  }
  return message;
}

/** The texts of a locale, for apps that render their own UI. */
export function veniceLocaleTexts(locale: VeniceLocale): VeniceLocaleTexts {
  return Object.hasOwn(LOCALES, locale) ? LOCALES[locale] : en;
}
