import { parseVeniceError } from "@venice-errors/core";
import { createErrorResponse, createSseResponse } from "@venice-errors/test-utils";
import { describe, expect, it, vi } from "vitest";

// Your code: turns a failed Venice call into something to show.
async function ask(fetchVenice: typeof fetch): Promise<string> {
  const response = await fetchVenice("https://api.venice.ai/api/v1/chat/completions", {
    method: "POST",
  });
  if (response.ok) return "ok";
  const error = await parseVeniceError(response);
  if (error.code === "INSUFFICIENT_BALANCE") return "Please add credits";
  if (error.retryAfterMs !== undefined) return `Try again in ${error.retryAfterMs / 1000} s`;
  return error.message;
}

describe("ask", () => {
  it("asks for credits on 402", async () => {
    const fetchVenice = vi.fn<typeof fetch>(async () =>
      createErrorResponse("INSUFFICIENT_BALANCE"),
    );
    expect(await ask(fetchVenice)).toBe("Please add credits");
  });

  it("shows the wait of a 429 with Retry-After", async () => {
    const fetchVenice = vi.fn<typeof fetch>(async () =>
      createErrorResponse("RATE_LIMIT_EXCEEDED", { retryAfter: 12 }),
    );
    expect(await ask(fetchVenice)).toBe("Try again in 12 s");
  });

  it("gets an in-band error after two chunks", async () => {
    const response = createSseResponse({ chunks: ["Hel", "lo"], error: "MODEL_OVERLOADED" });
    expect(await response.text()).toContain('"code":"model_overloaded"');
  });
});
