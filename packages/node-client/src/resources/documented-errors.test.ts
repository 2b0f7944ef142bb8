import type { VeniceErrorCode } from "@venice-errors/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VeniceClient } from "../client.js";
import { failure, type Harness, startHarness } from "../test-support/fake-venice.js";

/**
 * Every error status the swagger of veniceai/api-docs documents for each route, answered by the
 * fake in Venice's real body shape: each resource surfaces the matching typed error (also where
 * the success answer is binary, or a job status).
 */
const CODE_OF_STATUS: Record<number, VeniceErrorCode> = {
  400: "INVALID_REQUEST",
  401: "AUTHENTICATION_FAILED",
  402: "INSUFFICIENT_BALANCE",
  403: "UNAUTHORIZED",
  404: "MEDIA_NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "INVALID_CONTENT_TYPE",
  422: "CONTENT_POLICY_VIOLATION",
  429: "RATE_LIMIT_EXCEEDED",
  500: "INFERENCE_FAILED",
  503: "MODEL_AT_CAPACITY",
  504: "REQUEST_TIMEOUT",
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const job = { model: "m", queue_id: "q" };

const ROUTES: Array<{
  route: string;
  statuses: number[];
  call: (client: VeniceClient) => Promise<unknown>;
  /** Codes where the route's text differs from the status default. */
  codes?: Partial<Record<number, VeniceErrorCode>>;
}> = [
  {
    route: "POST /embeddings",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.embeddings.create({ model: "m", input: "x" }),
  },
  {
    route: "POST /image/generate",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.images.generate({ model: "m", prompt: "x" }),
  },
  {
    route: "POST /image/edit",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.images.edit({ image: PNG, prompt: "x" }),
  },
  {
    route: "POST /image/multi-edit",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.images.multiEdit({ images: [PNG], prompt: "x" }),
  },
  {
    route: "POST /image/upscale",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.images.upscale({ image: PNG }),
  },
  {
    route: "POST /image/background-remove",
    statuses: [400, 401, 402, 415, 429, 500, 503],
    call: (c) => c.images.removeBackground({ image: PNG }),
  },
  {
    route: "POST /audio/speech",
    statuses: [400, 401, 402, 403, 415, 429, 500, 503],
    call: (c) => c.audio.speech.create({ input: "x" }),
  },
  {
    route: "POST /audio/transcriptions",
    statuses: [400, 401, 402, 403, 415, 422, 429, 500, 503],
    call: (c) => c.audio.transcriptions.create({ file: PNG }),
  },
  {
    route: "POST /audio/queue",
    statuses: [400, 401, 402, 422, 429, 500, 503],
    call: (c) => c.audio.queue({ model: "m", prompt: "x" }),
  },
  {
    route: "POST /audio/retrieve",
    statuses: [400, 401, 404, 422, 429, 500, 503],
    call: (c) => c.audio.retrieve(job),
  },
  {
    route: "POST /audio/complete",
    statuses: [400, 401, 500],
    call: (c) => c.audio.complete(job),
  },
  {
    route: "POST /video/queue",
    statuses: [400, 401, 402, 413, 422, 500],
    call: (c) => c.video.queue({ model: "m", prompt: "x", duration: "5s" }),
  },
  {
    route: "POST /video/retrieve",
    statuses: [400, 401, 404, 422, 500, 503],
    call: (c) => c.video.retrieve(job),
  },
  {
    route: "POST /video/complete",
    statuses: [400, 401, 500],
    call: (c) => c.video.complete(job),
  },
  {
    route: "POST /responses",
    statuses: [400, 401, 429, 500],
    call: (c) => c.responses.create({ model: "m", input: "x" }),
  },
  {
    route: "GET /characters",
    statuses: [401, 500],
    call: (c) => c.characters.list(),
    codes: { 500: "UNKNOWN_ERROR" },
  },
  {
    route: "GET /characters/alan-watts",
    statuses: [401, 404, 500],
    call: (c) => c.characters.get("alan-watts"),
    codes: { 404: "CHARACTER_NOT_FOUND", 500: "UNKNOWN_ERROR" },
  },
  {
    route: "GET /api_keys/rate_limits",
    statuses: [401, 500],
    call: (c) => c.apiKeys.rateLimits(),
    codes: { 500: "UNKNOWN_ERROR" },
  },
  {
    route: "GET /billing/balance",
    statuses: [401, 500],
    call: (c) => c.billing.balance(),
  },
  {
    route: "GET /billing/usage-analytics",
    statuses: [400, 401, 500, 504],
    call: (c) => c.billing.usageAnalytics(),
  },
];

const CASES = ROUTES.flatMap(({ route, statuses, call, codes }) =>
  statuses.map((status) => ({
    route,
    status,
    call,
    code: codes?.[status] ?? (CODE_OF_STATUS[status] as VeniceErrorCode),
  })),
);

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ client: { maxRetries: 0 } });
});
afterEach(() => h.venice.close());

describe("documented errors of every route", () => {
  it.each(CASES)("$route $status -> $code", async ({ route, status, call, code }) => {
    h.venice.enqueue({ route, error: code });
    const error = await failure(call(h.client));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.requestId).toBeDefined();
    expect(h.venice.requests).toHaveLength(1);
  });

  it("a wrong key is AUTHENTICATION_FAILED on every route, never retried", async () => {
    const client = h.makeClient({ apiKey: "vk-wrong-key-000000000000", maxRetries: 2 });
    for (const { call } of ROUTES) {
      expect((await failure(call(client))).code).toBe("AUTHENTICATION_FAILED");
    }
    expect(h.venice.requests).toHaveLength(ROUTES.length);
  });

  it("402 is never retried, on any route", async () => {
    const client = h.makeClient({ maxRetries: 2 });
    for (const { route, call, statuses } of ROUTES) {
      if (!statuses.includes(402)) continue;
      h.venice.reset();
      h.venice.enqueue({ route, error: "INSUFFICIENT_BALANCE" });
      expect((await failure(call(client))).code).toBe("INSUFFICIENT_BALANCE");
      expect(h.venice.requests).toHaveLength(1);
    }
  });
});
