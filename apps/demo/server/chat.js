// POST /api/chat: streams a reply from Venice (through node-client) to the page as
// server-sent events. Failures go through core's hop helpers (see relay.js): before the first
// token as an HTTP error answer, mid-stream as a final `error` event.
import { sendEvent, startEventStream } from "./http.js";
import { endStreamWithError, sendVeniceError, veniceErrorOf } from "./relay.js";

/**
 * The chat parameters the page may set; everything else in the body is ignored.
 * @param {Record<string, unknown>} body
 */
export function chatParams(body) {
  /** @type {{ model?: string, messages: { role: string, content: string }[], temperature?: number, stream: true }} */
  const params = { messages: [], stream: true };
  if (typeof body.model === "string" && body.model !== "") params.model = body.model;
  if (typeof body.temperature === "number") params.temperature = body.temperature;
  if (Array.isArray(body.messages)) {
    for (const message of body.messages.slice(-20)) {
      if (typeof message?.content !== "string") continue;
      if (message.role !== "user" && message.role !== "assistant") continue;
      params.messages.push({ role: message.role, content: message.content });
    }
  }
  return params;
}

/** @param {unknown} chunk */
function deltaOf(chunk) {
  const content = /** @type {{ choices?: { delta?: { content?: unknown } }[] }} */ (chunk)
    ?.choices?.[0]?.delta?.content;
  return typeof content === "string" ? content : "";
}

/**
 * @param {{
 *   client: { chat: { completions: { create: Function } } },
 *   params: ReturnType<typeof chatParams>,
 *   res: import("node:http").ServerResponse,
 *   callLog: ReturnType<typeof import("./call-log.js").createCallLog>,
 *   scenario?: string,
 *   timeoutMs?: number,
 *   abortAfterMs?: number,
 *   secrets?: string[],
 * }} options
 */
export async function relayChat({
  client,
  params,
  res,
  callLog,
  scenario,
  timeoutMs,
  abortAfterMs,
  secrets,
}) {
  const call = callLog.start({ scenario, model: params.model });
  const controller = new AbortController();
  // The page went away: stop paying for tokens nobody reads.
  const onClose = () => {
    if (!res.writableEnded) controller.abort();
  };
  res.on("close", onClose);
  const abortTimer =
    abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  let streaming = false;
  let text = "";
  try {
    /** @type {AsyncIterable<unknown>} */
    const stream = await client.chat.completions.create(params, {
      signal: controller.signal,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    for await (const chunk of stream) {
      if (!streaming) {
        startEventStream(res);
        streaming = true;
      }
      const delta = deltaOf(chunk);
      if (delta !== "") {
        text += delta;
        sendEvent(res, "delta", { text: delta });
      }
    }
    callLog.finish(call, { status: 200, code: "OK" });
    if (!streaming) startEventStream(res);
    sendEvent(res, "done", { length: text.length, attempts: call.attempts });
    res.end();
  } catch (thrown) {
    const error = veniceErrorOf(thrown, secrets);
    callLog.finish(call, { status: error.status, code: error.code, attempts: error.attempts });
    if (res.destroyed) return;
    if (streaming) endStreamWithError(res, error);
    else sendVeniceError(res, error);
  } finally {
    clearTimeout(abortTimer);
    res.off("close", onClose);
  }
}
