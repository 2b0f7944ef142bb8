// A Cloudflare Worker (ES module syntax) that runs core's catalog suite and a createVeniceFetch
// round trip against a fake Venice server. tests/workerd.test.ts bundles it with rolldown and
// serves it with workerd; the same bundle is imported in Node for comparison.

import {
  parseVeniceError,
  toVeniceError,
  veniceErrorResponse,
} from "../../packages/core/dist/index.js";
import { createVeniceFetch } from "../../packages/node-client/dist/index.js";
import { run } from "./catalog-suite.js";

const KEY = "vk-workerd-0123456789abcdef";

/** The parts of an error every runtime must agree on. */
function summary(error) {
  return {
    code: error.code,
    status: error.status,
    attempts: error.attempts.length,
    retryAfterMs: error.retryAfterMs ?? null,
  };
}

/** The reply's text, or what came instead (so a failure shows in the report). */
async function content(response) {
  const text = await response.text();
  try {
    const reply = JSON.parse(text).choices?.[0]?.message?.content;
    if (typeof reply === "string") return reply;
  } catch {}
  return { status: response.status, text };
}

function chat(veniceFetch, base, model, stream = false) {
  return veniceFetch(`${base}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content: "Hello" }] }),
  });
}

/** createVeniceFetch against the fake: a reply, a stream, a retried 503, a 402, an in-band error. */
async function client(base) {
  const veniceFetch = createVeniceFetch({
    apiKey: KEY,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    // No `fetch` option: the default must call the Worker's global fetch unbound ("Illegal
    // invocation" otherwise).
  });
  const report = {};
  report.reply = await content(await chat(veniceFetch, base, "ok"));
  report.streamed = (await (await chat(veniceFetch, base, "ok", true)).text()).includes("data:");
  report.retried = await content(await chat(veniceFetch, base, "flaky"));
  const broke = await chat(veniceFetch, base, "broke");
  report.balance = summary(await parseVeniceError(broke));
  try {
    await (await chat(veniceFetch, base, "overloaded", true)).text();
    report.inStream = null;
  } catch (error) {
    report.inStream = summary(toVeniceError(error));
  }
  // The hop from a Worker to a browser: relay the 402, revive it.
  const relayed = veniceErrorResponse(
    await parseVeniceError(await chat(veniceFetch, base, "broke")),
  );
  report.relayed = { status: relayed.status, ...summary(await parseVeniceError(relayed)) };
  report.keyLeaked = JSON.stringify(report).includes(KEY);
  return report;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/suite") return Response.json(run());
    if (url.pathname === "/client") {
      return Response.json(await client(url.searchParams.get("base")));
    }
    return new Response("not found", { status: 404 });
  },
};
