import { catalog, type VeniceErrorCode, type VeniceUserAction } from "./catalog.js";
import { serverDetail } from "./format-detail.js";
import { en } from "./locales/en.js";
import { type VeniceLocale, veniceLocaleTexts } from "./locales/registry.js";
import type { VeniceLocaleTexts } from "./locales/types.js";
import { toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

/** What to show a person: a title, a sentence or two, and the one action that helps. */
export interface VeniceErrorMessage {
  title: string;
  description: string;
  /**
   * The server's own words when they add to the catalog's text (`Invalid value for "model": …`),
   * as sent (never translated), whitespace collapsed, at most 200 characters. Render it as text.
   */
  detail?: string;
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
  /** The texts to use (e.g. `ko` from `@venice-errors/core/locales/ko`) or a registered name. Default English. */
  locale?: VeniceLocale | VeniceLocaleTexts;
  /** Seconds left to wait; defaults to `retryAfterMs` rounded up. Pass a live countdown here. */
  retryInSeconds?: number;
}

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

/**
 * The code whose texts stand in for a code these texts lack (an error from a newer copy of the
 * package): the classifier's default for the status, and a generic "not valid" for other 4xx.
 */
function genericCode(status: number): VeniceErrorCode {
  const code = toVeniceError({ status }).code;
  return code === "UNKNOWN_ERROR" && status >= 400 && status < 500 ? "INVALID_REQUEST" : code;
}

function format(error: VeniceError, texts: VeniceLocaleTexts, wait?: number): VeniceErrorMessage {
  let code: VeniceErrorCode = error.code;
  let kind = error.userAction;
  // Own keys only: a hostile code such as "constructor" must not find Object's members.
  if (!Object.hasOwn(texts.codes, code)) {
    code = genericCode(error.status);
    if (kind !== "none" && !Object.hasOwn(texts.actions, kind)) kind = catalog[code].userAction;
  }
  const { title, description } = texts.codes[code];
  // The catalog row of the code shown: an unknown code's own getters may not work in this copy.
  const entry = catalog[code];
  const seconds =
    wait ?? (error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : undefined);
  const waiting = seconds !== undefined && seconds > 0 && error.retryable;
  const sentences = [description];
  if (waiting) sentences.push(fill(texts.extra.waitSeconds, { seconds }));
  if (error.recommendedModel) {
    sentences.push(fill(texts.extra.recommendedModel, { model: error.recommendedModel }));
  }
  if (error.creditsRefunded) sentences.push(texts.extra.creditsRefunded);
  if (error.requestId && (entry.category === "server" || kind === "contact_support")) {
    sentences.push(fill(texts.extra.requestId, { id: error.requestId }));
  }
  const message: VeniceErrorMessage = { title, description: sentences.join(" ") };
  const detail = serverDetail(error);
  if (detail) message.detail = detail;
  if (kind !== "none") {
    const label = waiting ? fill(texts.retryIn, { seconds }) : texts.actions[kind];
    message.action = { kind, label };
    const href =
      HREFS[kind] ??
      (kind === "pay_with_wallet" ||
      kind === "sign_in_again" ||
      kind === "check_wallet" ||
      kind === "use_streaming"
        ? entry.docsUrl
        : undefined);
    if (href) message.action.href = href;
    if (waiting) message.action.retryInSeconds = seconds;
  }
  return message;
}

/**
 * Turns any error into the texts a person should see, in English or the locale given. Never
 * throws: a code the texts lack (from a newer copy of the package) gets its status's generic
 * texts, and a locale missing a text falls back to English.
 */
export function formatVeniceError(input: unknown, options: FormatOptions = {}): VeniceErrorMessage {
  const error = toVeniceError(input);
  // An incomplete custom locale falls back to English; a hostile error object (throwing
  // getters) to the generic English texts.
  for (const texts of [veniceLocaleTexts(options.locale), en]) {
    try {
      return format(error, texts, options.retryInSeconds);
    } catch {}
  }
  return { ...en.codes.UNKNOWN_ERROR };
}
