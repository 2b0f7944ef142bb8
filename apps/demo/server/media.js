// POST /api/image, /api/speech, /api/video: one media request to Venice through node-client,
// answered with the media's bytes, or with the error through core's hop (relay.js).
import { HttpError } from "./http.js";
import { sendVeniceError, veniceErrorOf } from "./relay.js";

const MAX_PROMPT = 1_000;

/** @param {Record<string, unknown>} body @param {string} field */
function textOf(body, field) {
  const value = typeof body[field] === "string" ? body[field].trim() : "";
  if (value === "") throw new HttpError(400, `Send a non-empty "${field}".`);
  return value.slice(0, MAX_PROMPT);
}

/**
 * @typedef {{ bytes: Uint8Array, contentType: string }} Media
 * @typedef {{
 *   images: { generate: Function },
 *   audio: { speech: { create: Function } },
 *   video: { generate: Function },
 * }} MediaClient
 */

/** The media the page can ask for: the parameters it may set, and the node-client call. */
export const MEDIA_KINDS = {
  image: {
    model: "z-image-turbo",
    /** @param {Record<string, unknown>} body */
    params: (body) => ({
      model: "z-image-turbo",
      prompt: textOf(body, "prompt"),
      width: 512,
      height: 512,
      return_binary: true,
    }),
    /** @type {(client: MediaClient, params: object, signal: AbortSignal) => Promise<Media | undefined>} */
    run: (client, params, signal) => client.images.generate(params, { signal }),
  },
  speech: {
    model: "tts-kokoro",
    /** @param {Record<string, unknown>} body */
    params: (body) => ({
      model: "tts-kokoro",
      input: textOf(body, "text"),
      voice: typeof body.voice === "string" && body.voice !== "" ? body.voice : "af_sky",
      response_format: "wav",
    }),
    /** @type {(client: MediaClient, params: object, signal: AbortSignal) => Promise<Media | undefined>} */
    run: (client, params, signal) => client.audio.speech.create(params, { signal }),
  },
  video: {
    model: "wan-2.5-preview-text-to-video",
    /** @param {Record<string, unknown>} body */
    params: (body) => ({
      model: "wan-2.5-preview-text-to-video",
      prompt: textOf(body, "prompt"),
      duration: "5s",
    }),
    /** @type {(client: MediaClient, params: object, signal: AbortSignal) => Promise<Media | undefined>} */
    run: async (client, params, signal) =>
      // The fake's jobs finish at once; a short poll keeps the demo quick.
      (await client.video.generate(params, { pollIntervalMs: 250, signal })).media,
  },
};

/**
 * Runs one media request and answers the page: the bytes with their type, or the error.
 * @param {{
 *   kind: keyof typeof MEDIA_KINDS,
 *   client: MediaClient,
 *   body: Record<string, unknown>,
 *   res: import("node:http").ServerResponse,
 *   callLog: ReturnType<typeof import("./call-log.js").createCallLog>,
 *   scenario?: string,
 *   secrets?: string[],
 * }} options
 */
export async function relayMedia({ kind, client, body, res, callLog, scenario, secrets }) {
  const media = MEDIA_KINDS[kind];
  const params = media.params(body);
  const call = callLog.start({ scenario, model: media.model });
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) controller.abort();
  };
  res.on("close", onClose);
  try {
    const result = await media.run(client, params, controller.signal);
    callLog.finish(call, { status: 200, code: "OK" });
    const bytes = result?.bytes ?? new Uint8Array(0);
    res.writeHead(200, {
      "content-type": result?.contentType ?? "application/octet-stream",
      "content-length": bytes.byteLength,
      "cache-control": "no-store",
    });
    res.end(bytes);
  } catch (thrown) {
    const error = veniceErrorOf(thrown, secrets);
    callLog.finish(call, { status: error.status, code: error.code, attempts: error.attempts });
    if (!res.destroyed) sendVeniceError(res, error);
  } finally {
    res.off("close", onClose);
  }
}
