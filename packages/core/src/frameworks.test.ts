// Hono (app.onError) and Express 5 (error middleware) on 127.0.0.1: what a browser's fetch gets
// back must revive to the server's error, with no credential in the body or headers.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionRefused, essentials, FIELD_ERRORS_BODY } from "./__fixtures__/relay.js";
import { veniceExpressErrorHandler } from "./express.js";
import { veniceHonoErrorHandler } from "./hono.js";
import { parseVeniceError } from "./parse-venice-error.js";
import { toVeniceError } from "./to-venice-error.js";
import type { VeniceError } from "./venice-error.js";

const KEY = "sk-venice-0123456789abcdef";
const NOW = 1_790_000_000_000;
const PRIVATE = {
  Authorization: `Bearer ${KEY}`,
  Cookie: `session=${KEY}`,
  "Set-Cookie": `__cf_bm=${KEY}`,
  "X-Venice-Api-Key": KEY,
};

/** Errors a route meets while calling Venice, by path. */
const ERRORS: Record<string, () => VeniceError> = {
  "rate-limited": () =>
    toVeniceError(
      {
        status: 429,
        headers: {
          ...PRIVATE,
          "Retry-After": "12",
          "x-request-id": "req_hop_429",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": String(NOW + 60_000),
        },
        body: { error: `Rate limit exceeded for Bearer ${KEY}` },
      },
      { now: NOW },
    ),
  invalid: () =>
    toVeniceError({
      status: 400,
      headers: { ...PRIVATE, "CF-RAY": "8f2a1b3c-FRA" },
      body: FIELD_ERRORS_BODY,
    }),
  offline: () => toVeniceError(connectionRefused()),
};

/** An openai-node error with a Venice 402 behind it: classifiable, so relayed too. */
async function openaiBillingError(): Promise<unknown> {
  const client = new OpenAI({
    apiKey: KEY,
    baseURL: "http://127.0.0.1:9/api/v1",
    maxRetries: 0,
    fetch: async () =>
      new Response(JSON.stringify({ error: "Insufficient USD or Diem balance" }), {
        status: 402,
        headers: { "content-type": "application/json", "x-request-id": "req_402" },
      }),
  });
  return client.models.list().catch((error: unknown) => error);
}

function url(server: Server, path: string): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The browser's side: fetch, then revive; the raw answer must hold no credential. */
async function browserGets(address: string) {
  const response = await fetch(address);
  const text = await response.clone().text();
  const headers = JSON.stringify([...response.headers]);
  for (const leaked of [text, headers]) {
    expect(leaked).not.toContain(KEY);
    expect(leaked).not.toMatch(/authorization|set-cookie|api-key/i);
  }
  return { response, text, error: await parseVeniceError(response) };
}

const FRAMEWORKS: Array<[name: string, start: () => Promise<Server>]> = [
  [
    "Hono",
    async () => {
      const app = new Hono();
      app.get("/venice/:name", (c) => {
        throw ERRORS[c.req.param("name")]!();
      });
      app.get("/openai", async () => {
        throw await openaiBillingError();
      });
      app.get("/bug", () => {
        throw new Error("a bug in the app");
      });
      app.get("/teapot", () => {
        throw new HTTPException(418, { message: "short and stout" });
      });
      app.onError(
        veniceHonoErrorHandler({
          fallback: (error, c) =>
            error instanceof HTTPException ? error.getResponse() : c.text("app fallback", 500),
        }),
      );
      return new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () =>
          resolve(server as Server),
        );
      });
    },
  ],
  [
    "Express 5",
    async () => {
      const app = express();
      app.get("/venice/:name", (request) => {
        throw ERRORS[request.params.name as string]!();
      });
      app.get("/openai", async () => {
        throw await openaiBillingError();
      });
      app.get("/bug", () => {
        throw new Error("a bug in the app");
      });
      app.get("/late", (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" });
        response.write("partial");
        throw ERRORS["rate-limited"]!();
      });
      app.use(veniceExpressErrorHandler());
      app.use(
        (
          _error: unknown,
          _request: express.Request,
          response: express.Response,
          next: express.NextFunction,
        ) => {
          if (response.headersSent) return next(_error);
          response.status(500).type("text/plain").send("app fallback");
        },
      );
      return new Promise((resolve) => {
        const server = app.listen(0, "127.0.0.1", () => resolve(server));
      });
    },
  ],
];

describe.each(FRAMEWORKS)("%s error handler", (_name, start) => {
  let server: Server;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => close(server));

  it.each(Object.keys(ERRORS))(
    "%s: the browser's toVeniceError equals the server's error",
    async (name) => {
      const expected = ERRORS[name]!();
      const { response, error } = await browserGets(url(server, `/venice/${name}`));
      expect(response.status).toBe(expected.status || 502);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(essentials(error)).toEqual(essentials(expected));
      expect(error.message).toBe(expected.message);
      if (expected.retryAfterMs !== undefined) {
        expect(response.headers.get("retry-after")).toBe(
          String(Math.ceil(expected.retryAfterMs / 1000)),
        );
      }
    },
  );

  it("an SDK error with a Venice answer behind it is relayed too", async () => {
    const expected = toVeniceError(await openaiBillingError());
    const { response, error } = await browserGets(url(server, "/openai"));
    expect(response.status).toBe(402);
    expect(essentials(error)).toEqual(essentials(expected));
    expect(error.code).toBe("INSUFFICIENT_BALANCE");
  });

  it("any other error goes to the app's fallback", async () => {
    const { response, text } = await browserGets(url(server, "/bug"));
    expect(response.status).toBe(500);
    expect(text).toBe("app fallback");
  });
});

describe("framework defaults for errors that are not Venice's", () => {
  it("Hono without a fallback: an HTTPException keeps its response, a bug is a 500", async () => {
    const app = new Hono();
    app.get("/teapot", () => {
      throw new HTTPException(418, { message: "short and stout" });
    });
    app.get("/bug", () => {
      throw new Error("a bug");
    });
    app.onError(veniceHonoErrorHandler());
    const teapot = await app.request("/teapot");
    expect(teapot.status).toBe(418);
    expect(await teapot.text()).toBe("short and stout");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      const bug = await app.request("/bug");
      expect(bug.status).toBe(500);
      expect(await bug.text()).toBe("Internal Server Error");
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it("Express: an error after the headers went out is passed on, not written twice", async () => {
    const server = await FRAMEWORKS[1]![1]();
    try {
      const response = await fetch(url(server, "/late"));
      expect(response.status).toBe(200);
      // Express's default handler ends the broken response: the body is cut.
      await expect(response.text()).rejects.toThrow();
    } finally {
      await close(server);
    }
  });

  it("Express without our handler would send its HTML page: ours is registered as error middleware", () => {
    expect(veniceExpressErrorHandler().length).toBe(4);
  });
});
