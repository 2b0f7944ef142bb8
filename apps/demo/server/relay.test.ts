import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toVeniceError, type VeniceError } from "@venice-errors/core";
import { createVeniceClient } from "@venice-errors/node-client";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { okOrVeniceError } from "../src/api.js";
import { endStreamWithError, sendVeniceError } from "./relay.js";
import { validationBody } from "./scenarios.js";
import { readSse } from "./test-helpers.js";

const API_KEY = "sk-demo-relay-secret-0123";

/** What the page relies on: the fields a person and the toaster act on. */
function visible(error: VeniceError) {
  return {
    code: error.code,
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    requestId: error.requestId,
    fieldErrors: error.fieldErrors,
  };
}

describe("the hop from the demo backend to the page", () => {
  let venice: FakeVenice;
  let relay: Server;
  let relayUrl = "";
  /** The error the backend caught last, and whether output had already been streamed. */
  let pending: { error: VeniceError; streamed: boolean } | undefined;

  beforeAll(async () => {
    venice = await startFakeVenice({ seed: 3 });
    // The backend's two ways out, as chat.js uses them.
    relay = createServer((_req, res) => {
      const { error, streamed } = pending as { error: VeniceError; streamed: boolean };
      if (!streamed) return sendVeniceError(res, error);
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('event: delta\ndata: {"text":"Sure"}\n\n');
      endStreamWithError(res, error);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    relay.closeAllConnections();
    await new Promise((resolve) => relay.close(resolve));
    await venice.close();
  });

  /** The server's real error: node-client against the fake Venice playing `script`. */
  async function serverError(script: object, stream = false): Promise<VeniceError> {
    venice.enqueue(script);
    const client = createVeniceClient({ apiKey: API_KEY, baseURL: venice.url, maxRetries: 0 });
    try {
      const answer = await client.chat.completions.create({
        model: "venice-uncensored",
        messages: [{ role: "user", content: "Hello there, Venice" }],
        ...(stream ? { stream: true } : {}),
      });
      if (stream) for await (const _chunk of answer as AsyncIterable<unknown>) void _chunk;
    } catch (thrown) {
      return toVeniceError(thrown, { secrets: [API_KEY] });
    }
    throw new Error("the call did not fail");
  }

  /** What the page gets: `okOrVeniceError` for an error answer, `toVeniceError` for the event. */
  async function pageError(error: VeniceError, streamed: boolean) {
    pending = { error, streamed };
    const response = await fetch(relayUrl);
    if (!streamed) {
      const thrown = await okOrVeniceError(response).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      return { thrown: thrown as VeniceError, status: response.status };
    }
    const last = (await readSse(response)).at(-1);
    expect(last?.name).toBe("error");
    return { thrown: toVeniceError(last?.data), status: response.status };
  }

  const cases: [string, object, boolean, number][] = [
    ["a long rate limit", { error: "RATE_LIMIT_EXCEEDED", retryAfter: 20 }, false, 429],
    ["out of credits", { error: "INSUFFICIENT_BALANCE" }, false, 402],
    [
      "a validation error with field errors",
      {
        status: 400,
        headers: { "content-type": "application/json" },
        body: validationBody({
          messages: [{ content: "Hello there, Venice, how are you?" }],
          temperature: 0.9,
        }),
      },
      false,
      400,
    ],
    ["a dropped connection (no HTTP answer)", { hangUp: true }, false, 502],
    [
      "an overload in the middle of a stream",
      { stream: { chunks: 3, error: "MODEL_OVERLOADED" } },
      true,
      200,
    ],
  ];

  it.each(cases)("revives %s as the server's error", async (_name, script, streamed, status) => {
    const server = await serverError(script, streamed);
    const page = await pageError(server, streamed);
    expect(page.status).toBe(status);
    expect(visible(page.thrown)).toEqual(visible(server));
    expect(page.thrown.message).toBe(server.message);
  });

  it("carries the details each case is about", async () => {
    const limited = await serverError({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 20 });
    const page = (await pageError(limited, false)).thrown;
    expect([page.retryAfterMs, typeof page.requestId]).toEqual([20_000, "string"]);
    const invalid = await serverError({
      status: 400,
      headers: { "content-type": "application/json" },
      body: validationBody({ messages: [{ content: "x" }], temperature: 0.9 }),
    });
    expect(Object.keys((await pageError(invalid, false)).thrown.fieldErrors ?? {})).toEqual([
      "temperature",
    ]);
  });

  it("never relays the key", async () => {
    const error = await serverError({ error: "UNAUTHORIZED", message: `Key ${API_KEY} is wrong` });
    pending = { error, streamed: false };
    const text = await (await fetch(relayUrl)).text();
    expect(text).toMatch(/UNAUTHORIZED/);
    expect(text).not.toContain(API_KEY);
  });
});
