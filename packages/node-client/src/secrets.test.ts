import { inspect } from "node:util";
import { isVeniceError, toVeniceError } from "@venice-errors/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVeniceClient } from "./client.js";
import { type RawServer, recordingLogger, startRawServer } from "./test-support/local-server.js";
import { createVeniceFetch } from "./venice-fetch.js";

/** Everything an error can show: its JSON, its inspection, and its cause chain. */
function shown(error: unknown): string {
  const json = isVeniceError(error) ? JSON.stringify(error.toJSON()) : "";
  return `${json}\n${inspect(error, { depth: 8 })}`;
}

// A server that echoes every credential it receives in a 400 body, as a careless proxy would.
let echo: RawServer;
beforeAll(async () => {
  echo = await startRawServer((req, res) => {
    const heard = [
      req.headers.authorization,
      req.headers["x-api-key"],
      req.headers["api-key"],
      req.headers["x-venice-api-key"],
      new URL(req.url ?? "/", "http://x").searchParams.get("key"),
      new URL(req.url ?? "/", "http://x").searchParams.get("api_key"),
    ]
      .filter(Boolean)
      .map((value) => String(value).replace(/^Bearer /, ""));
    res.writeHead(400, { "content-type": "application/json", "x-echo": heard.join(",") });
    res.end(JSON.stringify({ error: `Unknown credential ${heard.join(" ")}` }));
  });
});
afterAll(() => echo.close());

describe("createVeniceFetch keeps every tenant's key out of errors (issue 11 #7)", () => {
  it("redacts the keys of 40 tenants sharing one fetch (it used to learn only 16)", async () => {
    const veniceFetch = createVeniceFetch({ failureBudget: false, maxRetries: 0 });
    for (let tenant = 0; tenant < 40; tenant++) {
      const key = `tenant-${tenant}-key-0123456789`;
      const response = await veniceFetch(`${echo.url}/models`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const text = await response.text();
      expect(text, `tenant ${tenant}`).not.toContain(key);
      expect(JSON.stringify(toVeniceError(JSON.parse(text).error).toJSON())).not.toContain(key);
    }
  });

  it.each(["x-api-key", "api-key", "x-venice-api-key"])("learns a key sent as %s", async (name) => {
    const key = `header-key-${name}-0123456789`;
    const veniceFetch = createVeniceFetch({ failureBudget: false, maxRetries: 0 });
    const response = await veniceFetch(`${echo.url}/models`, { headers: { [name]: key } });
    const text = await response.text();
    expect(text).toContain("[REDACTED]");
    expect(text).not.toContain(key);
  });

  it("keeps ?key= and ?api_key= out of the logs, the path metadata and the error", async () => {
    const { lines, logger } = recordingLogger();
    const veniceFetch = createVeniceFetch({ failureBudget: false, maxRetries: 0, logger });
    for (const name of ["key", "api_key"]) {
      const key = `query-${name}-0123456789`;
      const response = await veniceFetch(`${echo.url}/models?${name}=${key}&limit=2`);
      expect(await response.text()).not.toContain(key);
      expect(JSON.stringify(lines)).not.toContain(key);
    }
    expect(lines.map((line) => line.metadata.path)).toEqual(["/api/v1/models", "/api/v1/models"]);
  });

  it("redacts a key inside the error a custom fetch throws, and in its cause chain", async () => {
    const key = "custom-fetch-key-0123456789";
    const veniceFetch = createVeniceFetch({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError("fetch failed", {
          cause: new Error(`proxy refused credential ${key} for api.venice.ai`),
        });
      },
    });
    const error = await veniceFetch(`${echo.url}/models`, {
      headers: { "x-api-key": key },
    }).catch((thrown: unknown) => thrown);
    expect(isVeniceError(error)).toBe(true);
    expect(shown(error)).not.toContain(key);
    expect(shown(error)).toContain("proxy refused credential [REDACTED]");
  });

  it("redacts undici's 'invalid header value' message, which quotes the key", async () => {
    const key = "sk-newline-0123456789";
    const error = await createVeniceFetch()(`${echo.url}/models`, {
      headers: { authorization: `Bearer ${key}\nx` },
    }).catch((thrown: unknown) => thrown);
    expect(isVeniceError(error)).toBe(true);
    expect(shown(error)).not.toContain(key);
  });
});

describe("createVeniceClient keeps its key out of err.cause", () => {
  it("redacts undici's 'invalid header value' message for a key with a newline inside", async () => {
    const key = "sk-client-newline-0123456789";
    const error = await createVeniceClient({
      apiKey: `${key}\nx`,
      baseURL: echo.url,
      maxRetries: 0,
    })
      .models.list()
      .catch((thrown: unknown) => thrown);
    expect(isVeniceError(error)).toBe(true);
    expect(shown(error)).not.toContain(key);
  });

  it("redacts a key with stray whitespace, which fetch sends (and servers echo) trimmed", async () => {
    const key = "sk-client-trailing-0123456789";
    const error = await createVeniceClient({ apiKey: `${key}\n`, baseURL: echo.url, maxRetries: 0 })
      .models.list()
      .catch((thrown: unknown) => thrown);
    expect(shown(error)).not.toContain(key);
  });

  it("redacts the key from a custom fetch's error", async () => {
    const key = "sk-client-custom-0123456789";
    const error = await createVeniceClient({
      apiKey: key,
      maxRetries: 0,
      fetch: async (_url, init) => {
        const auth = new Headers(init?.headers).get("authorization");
        throw new Error(`gateway rejected ${auth}`);
      },
    })
      .models.list()
      .catch((thrown: unknown) => thrown);
    expect(shown(error)).not.toContain(key);
  });
});
