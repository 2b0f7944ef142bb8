import { describe, expect, it } from "vitest";
import { VENICE_TABLE } from "./__fixtures__/venice-table.js";
import {
  ALL_VENICE_ERROR_CODES,
  catalog,
  isVeniceErrorCode,
  VENICE_ERROR_CODES,
  VENICE_EXTRA_ERROR_CODES,
} from "./catalog.js";

describe("catalog", () => {
  // codeFromField skips the set lookup for a value that starts at "a" or above (`model_overloaded`).
  it("every code starts with a capital letter", () => {
    for (const code of ALL_VENICE_ERROR_CODES) expect(code, code).toMatch(/^[A-Z]/);
  });

  it("lists the table's 40 codes in table order", () => {
    expect(VENICE_ERROR_CODES).toEqual(VENICE_TABLE.map(([code]) => code));
  });

  it.each(VENICE_TABLE)(
    "%s has the table's status, message and log level",
    (code, status, message, logLevel) => {
      const entry = catalog[code as keyof typeof catalog];
      expect(entry).toMatchObject({ code, status, message, logLevel, documented: true });
    },
  );

  const extras: Array<[string, number, boolean]> = [
    ["TOO_MANY_FAILED_ATTEMPTS", 429, true],
    ["PAYMENT_REQUIRED", 402, false],
    ["CONSENT_REQUIRED", 409, false],
    ["RESOURCE_RETIRED", 410, false],
    ["CONNECTION_ERROR", 0, true],
    ["CLIENT_TIMEOUT", 0, true],
    ["ABORTED", 0, false],
    ["INVALID_RESPONSE", 0, true],
    ["STREAM_INTERRUPTED", 0, true],
  ];
  it("adds the codes of venice-api-facts §3", () => {
    expect(VENICE_EXTRA_ERROR_CODES).toEqual(extras.map(([code]) => code));
    expect(ALL_VENICE_ERROR_CODES).toEqual([...VENICE_ERROR_CODES, ...VENICE_EXTRA_ERROR_CODES]);
  });
  it.each(extras)("%s: status %i, retryable %s, not documented", (code, status, retryable) => {
    expect(catalog[code as keyof typeof catalog]).toMatchObject({
      status,
      retryable,
      documented: false,
    });
  });

  // venice-api-facts §6: retry 429 and 5xx; never 400-404, 409, 410, 413, 415, 422 or 402.
  it.each(ALL_VENICE_ERROR_CODES.filter((code) => catalog[code].status > 0))(
    "%s is retryable exactly when its status is 429 or 5xx",
    (code) => {
      const { status, retryable } = catalog[code];
      expect(retryable).toBe(status === 429 || status >= 500);
    },
  );

  it("is frozen data with an https docs URL and an action for every code", () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    for (const code of ALL_VENICE_ERROR_CODES) {
      expect(Object.isFrozen(catalog[code])).toBe(true);
      expect(catalog[code].docsUrl).toMatch(/^https:\/\/docs\.venice\.ai\//);
      expect(catalog[code].userAction).toBeTruthy();
      expect(catalog[code].category).toBeTruthy();
    }
  });

  it.each([
    ["INSUFFICIENT_BALANCE", "billing", "add_credits"],
    ["AUTHENTICATION_FAILED", "auth", "check_api_key"],
    ["AUTHENTICATION_FAILED_INACTIVE_KEY", "auth", "upgrade_plan"],
    ["TOO_MANY_TOKENS", "validation", "reduce_input"],
    ["MODEL_NOT_FOUND", "not_found", "change_model"],
    ["RATE_LIMIT_EXCEEDED", "rate_limit", "wait_and_retry"],
    ["API_ACCESS_DISABLED", "permission", "contact_support"],
    ["REQUEST_TIMEOUT", "timeout", "use_streaming"],
  ])("%s is %s with action %s", (code, category, userAction) => {
    expect(catalog[code as keyof typeof catalog]).toMatchObject({ category, userAction });
  });

  it("isVeniceErrorCode accepts catalog codes only, not prototype keys", () => {
    expect(isVeniceErrorCode("MODEL_OFFLINE")).toBe(true);
    expect(isVeniceErrorCode("STREAM_INTERRUPTED")).toBe(true);
    for (const value of ["model_offline", "toString", "__proto__", "constructor", "", 42, null]) {
      expect(isVeniceErrorCode(value)).toBe(false);
    }
  });
});
