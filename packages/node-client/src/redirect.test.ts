import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createVeniceClient } from "./client.js";

const KEY = "vk-redirect-0123456789";
const messages = [{ role: "user", content: "Hi" }];

interface Seen {
  method: string;
  url: string;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  const closing = servers.splice(0);
  await Promise.all(
    closing.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/**
 * A server whose `/api/v1/old/...` routes redirect (`status`) to `/api/v1/...`, and whose other
 * routes answer a chat stream, a chat completion or a model list. Records every request it saw.
 */
async function start(status: number): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (part: string) => {
      body += part;
    });
    req.on("end", () => {
      const url = req.url ?? "/";
      seen.push({ method: req.method ?? "", url, body });
      if (url.startsWith("/api/v1/old/")) {
        res.writeHead(status, { location: url.replace("/old/", "/") });
        res.end();
      } else if (url === "/api/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [] }));
      } else if (body.includes('"stream":true')) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "ok" } }] })}\n\ndata: [DONE]\n\n`,
        );
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "c1", choices: [{ message: { content: "ok" } }] }));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/api/v1`, seen };
}

describe("redirects with the default fetch", () => {
  it("follows a 307 of a chat stream and sends the same body to the new location", async () => {
    const { base, seen } = await start(307);
    const venice = createVeniceClient({ apiKey: KEY, baseURL: `${base}/old` });
    let text = "";
    const chat = await venice.chat.completions.create({ model: "m", messages, stream: true });
    for await (const chunk of chat) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("ok");
    const last = seen.at(-1);
    expect(last).toMatchObject({ method: "POST", url: "/api/v1/chat/completions" });
    expect(JSON.parse(last?.body ?? "")).toEqual({ model: "m", messages, stream: true });
    // Every request to the old location was answered by the redirect: no work was done there.
    expect(seen.slice(0, -1).every((request) => request.url.startsWith("/api/v1/old/"))).toBe(true);
  });

  it("follows a 308 of a chat completion, and a 302 of a GET", async () => {
    const { base, seen } = await start(308);
    const venice = createVeniceClient({ apiKey: KEY, baseURL: `${base}/old` });
    const completion = await venice.chat.completions.create({ model: "m", messages });
    expect(completion).toMatchObject({ id: "c1" });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/v1/chat/completions" });
    expect(JSON.parse(seen.at(-1)?.body ?? "")).toEqual({ model: "m", messages });

    const { base: other, seen: seenByOther } = await start(302);
    const models = await createVeniceClient({ apiKey: KEY, baseURL: `${other}/old` }).models.list();
    expect(models).toEqual({ object: "list", data: [] });
    expect(seenByOther.at(-1)).toMatchObject({ method: "GET", url: "/api/v1/models" });
  });

  it("sends with redirect: 'error', so Node's fetch does not copy the request and tee its body", async () => {
    // A cost guard: that copy is about 40 µs of CPU per request (bench/stream.mjs, short streams).
    const { base } = await start(307);
    const spy = vi.spyOn(globalThis, "fetch");
    const venice = createVeniceClient({ apiKey: KEY, baseURL: base });
    await venice.chat.completions.create({ model: "m", messages });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[1]?.redirect).toBe("error");
  });

  it("leaves the redirect mode to a fetch passed in options", async () => {
    const { base, seen } = await start(307);
    const inits: RequestInit[] = [];
    const venice = createVeniceClient({
      apiKey: KEY,
      baseURL: `${base}/old`,
      fetch: (input, init) => {
        if (init) inits.push({ ...init });
        return fetch(input, init);
      },
    });
    await venice.chat.completions.create({ model: "m", messages });
    expect(inits).toHaveLength(1);
    expect(inits[0]?.redirect).toBeUndefined();
    expect(seen.map((request) => request.url)).toEqual([
      "/api/v1/old/chat/completions",
      "/api/v1/chat/completions",
    ]);
  });
});
