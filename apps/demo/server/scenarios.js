// The Failure lab's scenarios: each one scripts the in-process fake Venice server so the next
// chat request fails in a specific, realistic way. The call itself then goes the real path
// (HTTP -> node-client retries -> VeniceError -> toJSON -> browser).
import { ALL_VENICE_ERROR_CODES, isRetryable, toVeniceError } from "@venice-errors/core";
import { createErrorBody, createErrorResponse } from "@venice-errors/test-utils";
import { paintImage } from "./media-art.js";
import { CHUNK_DELAY_MS, imageAnswer } from "./replies.js";

/** Scenario ids the page offers as quick buttons. */
export const QUICK_SCENARIOS = /** @type {const} */ ([
  "balance",
  "rate-limit",
  "abuse",
  "mid-stream",
  "network",
  "validation",
]);

/**
 * The Failure lab's media scenarios: which example they run (a route of media.js) and the fake
 * Venice answers that make it fail.
 */
export const MEDIA_SCENARIOS = {
  /** A 200 with a blurred image flagged by `x-venice-is-content-violation: true`. */
  "image-blocked": {
    kind: /** @type {const} */ ("image"),
    scripts: () => [imageAnswer(paintImage("", { blurred: true }), true)],
  },
  /** A video job the content policy stops: its retrieve answers 422 with `credits_refunded`. */
  "video-refund": {
    kind: /** @type {const} */ ("video"),
    scripts: () => [
      { route: "POST /video/queue", job: { durationMs: 0, outcome: "content_policy" } },
    ],
  },
};

/** Words the fake streams before a mid-stream failure. */
const PARTIAL_REPLY = [
  "Sure! ",
  "Here is ",
  "a short ",
  "overview ",
  "of how ",
  "Venice ",
  "routes ",
];

/**
 * The stricter limits the validation scenario's fake model enforces. The page's slider and prompt
 * stay within Venice's real limits, so the scenario pretends the picked model is stricter.
 */
export const STRICT_LIMITS = { maxMessageLength: 24, maxTemperature: 0.5 };

/**
 * A validation failure in the shape Venice sends (zod's `format()` tree plus its issues), about
 * the values the page really sent: the last message's length and the temperature, when they break
 * `STRICT_LIMITS`. With nothing to object to, it rejects the missing message as Venice does.
 * @param {{ messages: { content: string }[], temperature?: number }} params
 */
export function validationBody({ messages, temperature }) {
  /** @type {{ code: string, path: (string | number)[], message: string, [key: string]: unknown }[]} */
  const issues = [];
  const { maxMessageLength, maxTemperature } = STRICT_LIMITS;
  const last = messages.length - 1;
  const length = last >= 0 ? [...(messages[last]?.content ?? "")].length : 0;
  if (last < 0) {
    issues.push({ code: "too_small", minimum: 1, path: ["messages"], message: "Required" });
  } else if (length > maxMessageLength) {
    issues.push({
      code: "too_big",
      origin: "string",
      maximum: maxMessageLength,
      inclusive: true,
      path: ["messages", last, "content"],
      message: `Too big: the last message has ${length} characters; this model takes at most ${maxMessageLength}`,
    });
  }
  if (temperature !== undefined && temperature > maxTemperature) {
    issues.push({
      code: "too_big",
      origin: "number",
      maximum: maxTemperature,
      inclusive: true,
      path: ["temperature"],
      message: `Too big: temperature ${temperature} is above this model's maximum of ${maxTemperature}`,
    });
  }
  return { error: "Invalid request parameters", details: formatTree(issues), issues };
}

/**
 * zod's `format()` tree of the issues: `{ _errors: [], a: { _errors: [], 0: { _errors: [msg] } } }`.
 * @param {{ path: (string | number)[], message: string }[]} issues
 */
function formatTree(issues) {
  /** @typedef {{ _errors: string[], [key: string]: unknown }} Node */
  /** @type {Node} */
  const root = { _errors: [] };
  for (const { path, message } of issues) {
    let node = root;
    for (const key of path) {
      node[key] ??= { _errors: [] };
      node = /** @type {Node} */ (node[key]);
    }
    node._errors.push(message);
  }
  return root;
}

/** A 200 stream whose event is not JSON: the client cannot read it (INVALID_RESPONSE). */
const UNREADABLE_STREAM = {
  status: 200,
  headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  body: "data: {not json\n\n",
};

/**
 * How many tries node-client makes for a chat request that keeps getting this code's answer. A
 * chat is paid work: it is resent only on answers that prove nothing ran (core's `isRetryable`
 * with `generation`), so a 500 or a 503 without a wait hint is tried once.
 * @param {string} code
 * @param {number} maxRetries
 */
function chatTriesFor(code, maxRetries) {
  const answer = createErrorResponse(/** @type {"UNKNOWN_ERROR"} */ (code));
  const error = toVeniceError({
    status: answer.status,
    headers: answer.headers,
    body: createErrorBody(/** @type {"UNKNOWN_ERROR"} */ (code)),
  });
  return isRetryable(error, { generation: true }) ? maxRetries + 1 : 1;
}

/**
 * The fake-server scripts for a scenario, or `undefined` when the scenario is unknown.
 * `maxRetries` is the client's, so retryable failures outlast every retry and reach the page.
 * `params` are the chat parameters the page sent (the validation errors are about them).
 * @param {{ scenario: string, code?: string, params?: { messages: { content: string }[], temperature?: number } }} request
 * @param {{ maxRetries: number }} options
 * @returns {{ scripts: object[], timeoutMs?: number, abortAfterMs?: number } | undefined}
 */
export function scriptsFor({ scenario, code, params = { messages: [] } }, { maxRetries }) {
  switch (scenario) {
    case "balance":
      return { scripts: [{ error: "INSUFFICIENT_BALANCE" }] };
    case "rate-limit":
      // The first 429 asks for 1 s (the client waits and retries), the second for 20 s: too
      // long to sleep on a server, so the client surfaces it and the page counts down.
      return {
        scripts: [
          { error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 },
          { error: "RATE_LIMIT_EXCEEDED", retryAfter: 20 },
        ],
      };
    case "abuse":
      return { scripts: [{ error: "TOO_MANY_FAILED_ATTEMPTS" }] };
    case "mid-stream":
      return {
        scripts: [
          {
            stream: {
              chunks: PARTIAL_REPLY,
              error: "MODEL_OVERLOADED",
              chunkDelayMs: CHUNK_DELAY_MS,
            },
          },
        ],
      };
    case "network":
      // A reset once the request was sent: the chat may have run, so it is not resent.
      return { scripts: [{ hangUp: true }] };
    case "validation":
      return {
        scripts: [
          {
            status: 400,
            headers: { "content-type": "application/json" },
            body: validationBody(params),
          },
        ],
      };
    case "code":
      return code === undefined ? undefined : scriptsForCode(code, params, maxRetries);
    default:
      return undefined;
  }
}

/**
 * @param {string} code
 * @param {{ messages: { content: string }[], temperature?: number }} params
 * @param {number} maxRetries
 */
function scriptsForCode(code, params, maxRetries) {
  if (!ALL_VENICE_ERROR_CODES.includes(/** @type {never} */ (code))) return undefined;
  switch (code) {
    // Client-side codes have no HTTP answer to fake: produce the condition instead. None of
    // them is resent for a chat (the request was sent; it may have run).
    case "CONNECTION_ERROR":
      return { scripts: [{ hangUp: true }] };
    case "CLIENT_TIMEOUT":
      return { scripts: [{ delayMs: 4000 }], timeoutMs: 800 };
    case "ABORTED":
      return { scripts: [{ delayMs: 4000 }], abortAfterMs: 300 };
    case "INVALID_RESPONSE":
      // The page asks for a stream, so the unreadable success body is an event stream.
      return { scripts: [UNREADABLE_STREAM] };
    case "STREAM_INTERRUPTED":
      return {
        scripts: [{ stream: { chunks: PARTIAL_REPLY, cutAfter: 3, chunkDelayMs: CHUNK_DELAY_MS } }],
      };
    case "INVALID_REQUEST":
      return scriptsFor({ scenario: "validation", params }, { maxRetries });
    default: {
      const tries = chatTriesFor(code, maxRetries);
      return { scripts: Array.from({ length: tries }, () => ({ error: code })) };
    }
  }
}
