import { afterEach, describe, expect, it, vi } from "vitest";
import { ALL_VENICE_ERROR_CODES, catalog } from "./catalog.js";
import { formatVeniceError } from "./format.js";
import { en } from "./locales/en.js";
import { ko } from "./locales/ko.js";
import { veniceLocaleTexts } from "./locales/registry.js";
import { VeniceError } from "./venice-error.js";

// Texts objects, as an app passes them (`import { ko } from "@venice-errors/core/locales/ko"`).
const LOCALES = [en, ko];

afterEach(() => {
  vi.restoreAllMocks();
});
const HANGUL = /[\uac00-\ud7a3]/;

describe("formatVeniceError", () => {
  describe.each(LOCALES)("$locale", (locale) => {
    it.each(ALL_VENICE_ERROR_CODES)(
      "%s has a title, a description and the catalog's action",
      (code) => {
        const message = formatVeniceError(new VeniceError({ code }), { locale });
        expect(message.title.trim()).not.toBe("");
        expect(message.description.trim()).not.toBe("");
        if (locale === ko) expect(message.title + message.description).toMatch(HANGUL);
        const kind = catalog[code].userAction;
        if (kind === "none") expect(message.action).toBeUndefined();
        else expect(message.action).toMatchObject({ kind, label: expect.stringMatching(/\S/) });
      },
    );
  });

  it.each([
    ["INSUFFICIENT_BALANCE", "en", "Add credits", "https://venice.ai/settings/api"],
    ["INSUFFICIENT_BALANCE", ko, "크레딧 추가", "https://venice.ai/settings/api"],
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
  ] as const)("%s: action %s -> %s", (code, locale, label, href) => {
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
    expect(formatVeniceError(error, { locale: ko }).action).toMatchObject({
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
    expect(formatVeniceError(blocked, { locale: ko }).description).toContain(
      "크레딧이 환불되었습니다.",
    );
    const failed = new VeniceError({ code: "INFERENCE_FAILED", requestId: "8f2a-FRA" });
    expect(formatVeniceError(failed).description).toContain("Reference: 8f2a-FRA");
  });

  it("accepts anything toVeniceError accepts and falls back to English", () => {
    expect(formatVeniceError({ status: 402 }).title).toBe("Out of credits");
    expect(formatVeniceError(new TypeError("fetch failed"), { locale: ko }).title).toBe(
      "Venice에 연결할 수 없음",
    );
    expect(formatVeniceError(undefined).title).toBe("Something went wrong");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const locale of ["fr", "constructor", "__proto__"]) {
      expect(formatVeniceError({ status: 402 }, { locale: locale as "en" }).title).toBe(
        "Out of credits",
      );
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('locale "fr" is not registered'));
  });

  it("both locales have complete texts", () => {
    for (const texts of LOCALES) {
      expect(Object.keys(texts.codes).sort()).toEqual([...ALL_VENICE_ERROR_CODES].sort());
      expect(texts.retryIn).toContain("{seconds}");
    }
  });

  it("accepts a texts object as the locale, and a partial one falls back to English", () => {
    expect(formatVeniceError({ status: 402 }, { locale: ko }).title).toBe("잔액 부족");
    expect(veniceLocaleTexts(ko)).toBe(ko);
    const partial = { ...en, locale: "xx", codes: {} } as unknown as typeof en;
    expect(formatVeniceError({ status: 402 }, { locale: partial }).title).toBe("Out of credits");
  });
});

describe("locales by name", () => {
  it('"ko" is English, with one warning, until ko is registered', async () => {
    // A fresh copy of the registry: registration is process-wide.
    vi.resetModules();
    const registry = await import("./locales/registry.js");
    const format = await import("./format.js");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(format.formatVeniceError({ status: 402 }, { locale: "ko" }).title).toBe(
      "Out of credits",
    );
    format.formatVeniceError({ status: 429 }, { locale: "ko" });
    expect(warn).toHaveBeenCalledTimes(1);
    registry.registerVeniceLocale(ko);
    expect(format.formatVeniceError({ status: 402 }, { locale: "ko" }).title).toBe("잔액 부족");
    expect(registry.veniceLocaleTexts("ko")).toBe(ko);
    expect(registry.veniceLocaleTexts().locale).toBe("en");
  });

  it("warns about at most 16 unknown names (a render loop cannot grow the set)", async () => {
    vi.resetModules();
    const { veniceLocaleTexts: lookup } = await import("./locales/registry.js");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 100; i++) expect(lookup(`x-${i}`).locale).toBe("en");
    expect(warn).toHaveBeenCalledTimes(16);
  });
});

/** An error made by a newer copy of the package: branded, with a code this catalog lacks. */
function fromNewerCopy(code: string, status: number, userAction = "new_action"): VeniceError {
  const error = new VeniceError({ code: "UNKNOWN_ERROR", status });
  Object.defineProperties(error, {
    code: { value: code },
    userAction: { value: userAction },
    category: { value: "new_category" },
  });
  return error;
}

describe("codes the catalog lacks (issue 11 #10)", () => {
  it.each([
    [400, "INVALID_REQUEST"],
    [404, "INVALID_REQUEST"],
    [402, "INSUFFICIENT_BALANCE"],
    [429, "RATE_LIMIT_EXCEEDED"],
    [500, "UNKNOWN_ERROR"],
    [503, "UNKNOWN_ERROR"],
    [504, "REQUEST_TIMEOUT"],
    [0, "UNKNOWN_ERROR"],
  ] as const)("status %i shows the texts of %s instead of throwing", (status, generic) => {
    const error = fromNewerCopy("X402_SOMETHING_NEW", status);
    for (const locale of LOCALES) {
      const message = formatVeniceError(error, { locale });
      expect(message.title).toBe(locale.codes[generic].title);
      expect(message.description).toBe(locale.codes[generic].description);
      expect(message.action?.kind).toBe(catalog[generic].userAction);
    }
  });

  it.each(["constructor", "__proto__", "toString"])(
    "a code named %s gets generic texts",
    (code) => {
      const message = formatVeniceError(fromNewerCopy(code, 500, "hasOwnProperty"));
      expect(message.title).toBe("Something went wrong");
      expect(message.action).toMatchObject({ kind: "retry", label: "Try again" });
    },
  );

  it("keeps an action these texts know", () => {
    const message = formatVeniceError(fromNewerCopy("NEW_BILLING_CODE", 402, "raise_spend_limit"));
    expect(message).toMatchObject({
      title: "Out of credits",
      action: { kind: "raise_spend_limit", label: "Raise spend limit" },
    });
  });

  it("survives a hostile error object", () => {
    const error = new VeniceError({ code: "INVALID_REQUEST" });
    Object.defineProperty(error, "retryAfterMs", {
      get() {
        throw new Error("boom");
      },
    });
    expect(formatVeniceError(error).title).toBe("Something went wrong");
  });
});

describe("detail: the server's own words (issue 15 item 4)", () => {
  const response = (status: number, body: unknown) => ({ status, body });

  it("shows a 400's server text under the catalog's title, as sent, in every locale", () => {
    const input = response(400, {
      error: { message: 'Invalid value for "model": gpt-9 is not a Venice model.', param: "model" },
    });
    expect(formatVeniceError(input)).toMatchObject({
      title: "Request not valid",
      detail: 'Invalid value for "model": gpt-9 is not a Venice model.',
    });
    expect(formatVeniceError(input, { locale: ko })).toMatchObject({
      title: "잘못된 요청",
      detail: 'Invalid value for "model": gpt-9 is not a Venice model.',
    });
  });

  it("shows what the server added to the table's text (a recommended model)", () => {
    const { detail } = formatVeniceError(
      response(404, { error: "Specified model not found. Did you mean: llama-3.3-70b?" }),
    );
    expect(detail).toBe("Specified model not found. Did you mean: llama-3.3-70b?");
  });

  it.each([
    ["the table's own text", response(400, { error: "Invalid request parameters" })],
    ["the table's text with a full stop", response(429, { error: "Rate limit exceeded." })],
    ["no text", response(402, undefined)],
    ["an HTML page", response(502, "<html><body>Bad gateway</body></html>")],
    ["a client-side failure", new TypeError("fetch failed")],
  ])("adds nothing for %s", (_name, input) => {
    expect(formatVeniceError(input).detail).toBeUndefined();
  });

  it("keeps markup as text and cuts long texts to 200 characters", () => {
    const attack = '<img src=x onerror=alert(1)> Invalid value for "prompt"';
    expect(formatVeniceError(response(400, { error: attack })).detail).toBe(attack);
    const long = `Invalid value:\n${"x".repeat(5000)}`;
    const { detail } = formatVeniceError(response(400, { error: long }));
    expect(detail).toHaveLength(200);
    expect(detail?.startsWith("Invalid value: xxx")).toBe(true);
    expect(detail?.endsWith("…")).toBe(true);
  });

  it("never splits an emoji at the cut", () => {
    const text = `${"a".repeat(198)}😀😀`;
    const { detail } = formatVeniceError(response(400, { error: text }));
    expect(detail).toBe(`${"a".repeat(198)}…`);
  });
});
