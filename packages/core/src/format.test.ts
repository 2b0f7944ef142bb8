import { describe, expect, it } from "vitest";
import { ALL_VENICE_ERROR_CODES, catalog } from "./catalog.js";
import { formatVeniceError, veniceLocaleTexts } from "./format.js";
import { VeniceError } from "./venice-error.js";

const LOCALES = ["en", "ko"] as const;
const HANGUL = /[\uac00-\ud7a3]/;

describe("formatVeniceError", () => {
  describe.each(LOCALES)("%s", (locale) => {
    it.each(ALL_VENICE_ERROR_CODES)(
      "%s has a title, a description and the catalog's action",
      (code) => {
        const message = formatVeniceError(new VeniceError({ code }), { locale });
        expect(message.title.trim()).not.toBe("");
        expect(message.description.trim()).not.toBe("");
        if (locale === "ko") expect(message.title + message.description).toMatch(HANGUL);
        const kind = catalog[code].userAction;
        if (kind === "none") expect(message.action).toBeUndefined();
        else expect(message.action).toMatchObject({ kind, label: expect.stringMatching(/\S/) });
      },
    );
  });

  it.each([
    ["INSUFFICIENT_BALANCE", "en", "Add credits", "https://venice.ai/settings/api"],
    ["INSUFFICIENT_BALANCE", "ko", "크레딧 추가", "https://venice.ai/settings/api"],
    [
      "API_KEY_USD_SPEND_LIMIT_EXCEEDED",
      "en",
      "Raise spend limit",
      "https://venice.ai/settings/api",
    ],
    ["AUTHENTICATION_FAILED_INACTIVE_KEY", "en", "Upgrade plan", "https://venice.ai/settings/api"],
    ["API_ACCESS_DISABLED", "en", "Contact support", "mailto:support@venice.ai"],
    ["PAYMENT_REQUIRED", "en", "Pay with wallet", "https://docs.venice.ai/overview/guides/x402"],
    ["REQUEST_TIMEOUT", "en", "Use streaming", "https://docs.venice.ai/api-reference/error-codes"],
    ["MODEL_NOT_FOUND", "en", "Choose another model", undefined],
  ] as const)("%s (%s): action %s -> %s", (code, locale, label, href) => {
    const { action } = formatVeniceError(new VeniceError({ code }), { locale });
    expect(action?.label).toBe(label);
    expect(action?.href).toBe(href);
  });

  it("labels the retry with the seconds to wait, in both languages", () => {
    const error = new VeniceError({ code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 11_200 });
    expect(formatVeniceError(error, { locale: "en" })).toMatchObject({
      description: expect.stringContaining("12 seconds"),
      action: { kind: "wait_and_retry", label: "Retry in 12 s", retryInSeconds: 12 },
    });
    expect(formatVeniceError(error, { locale: "ko" }).action).toMatchObject({
      label: "12초 후 다시 시도",
      retryInSeconds: 12,
    });
    expect(formatVeniceError(error, { locale: "en", retryInSeconds: 3 }).action?.label).toBe(
      "Retry in 3 s",
    );
  });

  it("does not offer a timed retry for a non-retryable error with a hint", () => {
    const { action } = formatVeniceError(
      new VeniceError({ code: "INSUFFICIENT_BALANCE", retryAfterMs: 5000 }),
    );
    expect(action).toEqual({
      kind: "add_credits",
      label: "Add credits",
      href: "https://venice.ai/settings/api",
    });
  });

  it("adds the recommended model, the refund and the reference id", () => {
    const blocked = new VeniceError({
      code: "CONTENT_POLICY_VIOLATION",
      recommendedModel: "m2",
      creditsRefunded: true,
    });
    expect(formatVeniceError(blocked).description).toContain("Try m2 instead.");
    expect(formatVeniceError(blocked, { locale: "ko" }).description).toContain(
      "크레딧이 환불되었습니다.",
    );
    const failed = new VeniceError({ code: "INFERENCE_FAILED", requestId: "8f2a-FRA" });
    expect(formatVeniceError(failed).description).toContain("Reference: 8f2a-FRA");
  });

  it("accepts anything toVeniceError accepts and falls back to English", () => {
    expect(formatVeniceError({ status: 402 }).title).toBe("Out of credits");
    expect(formatVeniceError(new TypeError("fetch failed"), { locale: "ko" }).title).toBe(
      "Venice에 연결할 수 없음",
    );
    expect(formatVeniceError(undefined).title).toBe("Something went wrong");
    for (const locale of ["fr", "constructor", "__proto__"]) {
      expect(formatVeniceError({ status: 402 }, { locale: locale as "en" }).title).toBe(
        "Out of credits",
      );
    }
  });

  it("veniceLocaleTexts returns complete texts for both locales", () => {
    for (const locale of LOCALES) {
      const texts = veniceLocaleTexts(locale);
      expect(Object.keys(texts.codes).sort()).toEqual([...ALL_VENICE_ERROR_CODES].sort());
      expect(texts.retryIn).toContain("{seconds}");
    }
  });
});
