import { describe, expect, it } from "vitest";
import { parseVeniceError } from "./parse-venice-error.js";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/** A body that sends `first` and then fails. */
function failingBody(first: string): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode(first));
      } else {
        controller.error(new TypeError("terminated"));
      }
    },
  });
}

describe("parseVeniceError", () => {
  it("reads a JSON body with its headers", async () => {
    const error = await parseVeniceError(
      json(
        404,
        { error: "Specified model not found. Did you mean: llama-3.3-70b?" },
        { "CF-RAY": "8f-FRA" },
      ),
    );
    expect(error).toMatchObject({
      code: "MODEL_NOT_FOUND",
      status: 404,
      recommendedModel: "llama-3.3-70b",
      requestId: "8f-FRA",
    });
  });

  it("reads an HTML page", async () => {
    const response = new Response("<html><body>502 Bad Gateway</body></html>", {
      status: 502,
      headers: { "content-type": "text/html" },
    });
    expect(await parseVeniceError(response)).toMatchObject({
      code: "UNKNOWN_ERROR",
      status: 502,
      retryable: true,
    });
  });

  it("reads an empty body", async () => {
    expect(
      await parseVeniceError(new Response(null, { status: 429, headers: { "retry-after": "7" } })),
    ).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 7000,
    });
  });

  it("classifies an already-read response by status and headers", async () => {
    const response = json(402, { error: "Insufficient USD or Diem balance to complete request." });
    await response.text();
    expect(response.bodyUsed).toBe(true);
    expect(await parseVeniceError(response)).toMatchObject({
      code: "INSUFFICIENT_BALANCE",
      status: 402,
    });
  });

  it("survives a body stream that errors mid-way", async () => {
    const response = new Response(failingBody('{"error":"Rate lim'), { status: 429 });
    expect(await parseVeniceError(response)).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      status: 429,
    });
  });

  it("sniffs JSON under a lying Content-Type", async () => {
    const response = new Response('  {"status":"FAILED","error":"generation failed"}', {
      status: 200,
      headers: { "content-type": "video/mp4" },
    });
    expect(await parseVeniceError(response)).toMatchObject({
      status: 200,
      message: "generation failed",
    });
  });

  it("reads the body only once and passes options", async () => {
    const response = json(401, { error: "Authentication failed for key sk-parse-secret-1" });
    const error = await parseVeniceError(response, { secrets: ["sk-parse-secret-1"] });
    expect(response.bodyUsed).toBe(true);
    expect(error.code).toBe("AUTHENTICATION_FAILED");
    expect(JSON.stringify(error)).not.toContain("sk-parse-secret-1");
  });
});
