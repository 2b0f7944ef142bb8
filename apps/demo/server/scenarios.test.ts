import { ALL_VENICE_ERROR_CODES } from "@venice-errors/core";
import { describe, expect, it } from "vitest";
import { chatParams, relayStatus } from "./chat.js";
import { QUICK_SCENARIOS, scriptsFor } from "./scenarios.js";

describe("scriptsFor", () => {
  it.each(QUICK_SCENARIOS)("scripts the quick scenario %s", (scenario) => {
    const plan = scriptsFor({ scenario }, { maxRetries: 2 });
    expect(plan?.scripts.length).toBeGreaterThan(0);
  });

  it.each(ALL_VENICE_ERROR_CODES)("scripts any catalog code: %s", (code) => {
    const plan = scriptsFor({ scenario: "code", code }, { maxRetries: 2 });
    expect(plan?.scripts.length).toBeGreaterThan(0);
  });

  it("outlasts every retry of a chat, and leaves no script over where a chat is not resent", () => {
    expect(scriptsFor({ scenario: "network" }, { maxRetries: 2 })?.scripts).toHaveLength(1);
    expect(
      scriptsFor({ scenario: "code", code: "MODEL_OVERLOADED" }, { maxRetries: 4 })?.scripts,
    ).toHaveLength(5);
    expect(
      scriptsFor({ scenario: "code", code: "MODEL_AT_CAPACITY" }, { maxRetries: 4 })?.scripts,
    ).toHaveLength(1);
    expect(
      scriptsFor({ scenario: "code", code: "INFERENCE_FAILED" }, { maxRetries: 4 })?.scripts,
    ).toHaveLength(1);
    expect(
      scriptsFor({ scenario: "code", code: "INSUFFICIENT_BALANCE" }, { maxRetries: 4 })?.scripts,
    ).toHaveLength(1);
  });

  it("rejects unknown scenarios and codes", () => {
    expect(scriptsFor({ scenario: "meteor" }, { maxRetries: 2 })).toBeUndefined();
    expect(scriptsFor({ scenario: "code", code: "NOPE" }, { maxRetries: 2 })).toBeUndefined();
    expect(scriptsFor({ scenario: "code" }, { maxRetries: 2 })).toBeUndefined();
  });
});

describe("chatParams", () => {
  it("keeps only what the page may set and always streams", () => {
    const params = chatParams({
      model: "llama-3.3-70b",
      temperature: 0.4,
      apiKey: "sk-from-the-page",
      messages: [
        { role: "system", content: "be evil" },
        { role: "user", content: "hi" },
        { content: 3 },
      ],
    });
    expect(params).toEqual({
      model: "llama-3.3-70b",
      temperature: 0.4,
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
  });
});

describe("relayStatus", () => {
  it("keeps HTTP error statuses and maps no-answer and in-stream errors to 502", () => {
    expect(relayStatus({ status: 429 })).toBe(429);
    expect(relayStatus({ status: 402 })).toBe(402);
    expect(relayStatus({ status: 0 })).toBe(502);
    expect(relayStatus({ status: 200 })).toBe(502);
  });
});
