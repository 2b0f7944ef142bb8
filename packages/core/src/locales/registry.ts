import { en } from "./en.js";
import type { VeniceLocaleTexts } from "./types.js";

/** A language by name: `"en"` is built in; others once registered (e.g. `"ko"`). */
export type VeniceLocale = "en" | "ko" | (string & {});

// Bundlers replace `process.env.NODE_ENV`; elsewhere (browser ESM, Deno) `process` may not exist.
declare const process: { env: Record<string, string | undefined> };

/** Names looked up so far, so a render loop warns once per name (capped: names are code, not input). */
const warned = /* @__PURE__ */ new Set<string>();
const registered = /* @__PURE__ */ new Map<string, VeniceLocaleTexts>();

/**
 * Makes a locale available by name, so `formatVeniceError(error, { locale: "ko" })` and
 * `<VeniceErrorProvider locale="ko">` find it. Passing the texts object itself needs no registration.
 */
export function registerVeniceLocale(texts: VeniceLocaleTexts): void {
  registered.set(texts.locale, texts);
}

/**
 * The texts of a locale: the texts object itself, a registered name, or English. An unknown name
 * falls back to English (with one console warning outside production); it never throws.
 */
export function veniceLocaleTexts(
  locale: VeniceLocale | VeniceLocaleTexts = "en",
): VeniceLocaleTexts {
  if (typeof locale === "object" && locale !== null) return locale;
  const found = registered.get(locale);
  if (found || locale === "en") return found ?? en;
  try {
    // Bundlers replace NODE_ENV, so production builds drop the warning; without `process`
    // (browsers without a bundler, workerd) the lookup throws and nothing is said.
    if (process.env.NODE_ENV !== "production" && !warned.has(locale) && warned.size < 16) {
      warned.add(locale);
      console.warn(`[venice-errors] locale "${locale}" is not registered; showing English.`);
    }
  } catch {}
  return en;
}
