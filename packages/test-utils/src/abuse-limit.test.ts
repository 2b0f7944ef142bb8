import { parseVeniceError } from "@venice-errors/core";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeVenice, startFakeVenice } from "./server.js";

let venice: FakeVenice | undefined;
afterEach(async () => {
  await venice?.close();
});

async function badRequest(fake: FakeVenice) {
  return fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ model: "m" }), // no messages: 400 INVALID_REQUEST
  });
}

describe("startFakeVenice({ abuseLimit })", () => {
  it("locks the key out after more than maxFailures failed requests in the window", async () => {
    let now = 1_750_000_000_000;
    venice = await startFakeVenice({
      now: () => now,
      abuseLimit: { maxFailures: 3, windowMs: 10_000, blockMs: 5000 },
    });
    for (let i = 0; i < 4; i++) expect((await badRequest(venice)).status).toBe(400);
    expect(venice.abuse.failures).toBe(4);
    expect(venice.abuse.peakFailures).toBe(4);

    const locked = await badRequest(venice);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("5");
    const error = await parseVeniceError(locked);
    expect(error.code).toBe("TOO_MANY_FAILED_ATTEMPTS");
    expect(error.message).toBe(
      "Too many failed attempts (> 3) resulting in a non-success status code. Please wait 5s and try again.",
    );
    expect(error.retryAfterMs).toBe(5000);
    expect(venice.abuse.lockouts).toBe(1);
    expect(venice.abuse.failures).toBe(4); // lock-out answers (429) do not count

    now += 5000;
    expect((await badRequest(venice)).status).toBe(400);
    now += 20_000;
    expect(venice.abuse.failures).toBe(0);
    expect(venice.abuse.peakFailures).toBe(5);
  });

  it("counts failures without locking when no limit is set; 429 and 5xx never count", async () => {
    venice = await startFakeVenice();
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED" }, { error: "INFERENCE_FAILED" });
    for (let i = 0; i < 25; i++) await badRequest(venice);
    expect(venice.abuse.failures).toBe(23);
    expect(venice.abuse.lockouts).toBe(0);
    venice.reset();
    expect(venice.abuse.peakFailures).toBe(0);
  });
});
