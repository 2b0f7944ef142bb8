// The Failure lab's scenarios: each one scripts the in-process fake Venice server so the next
// chat request fails in a specific, realistic way. The call itself then goes the real path
// (HTTP -> node-client retries -> VeniceError -> toJSON -> browser).
import { ALL_VENICE_ERROR_CODES, isRetryable, toVeniceError } from "@venice-errors/core";
import { createErrorBody, createErrorResponse } from "@venice-errors/test-utils";
import { CHUNK_DELAY_MS } from "./replies.js";

/** Scenario ids the page offers as quick buttons. */
export const QUICK_SCENARIOS = /** @type {const} */ ([
  "balance",
  "rate-limit",
  "abuse",
  "mid-stream",
  "network",
  "validation",
]);

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

/** A validation failure in the shape Venice sends: zod's `format()` tree plus its issues. */
export function validationBody() {
  const messages = {
    temperature: "Number must be less than or equal to 2",
    content: "Message is empty",
    model: "Model does not support this request",
  };
  return {
    error: "Invalid request parameters",
    details: {
      _errors: [],
      temperature: { _errors: [messages.temperature] },
      messages: { _errors: [], 0: { _errors: [], content: { _errors: [messages.content] } } },
      model: { _errors: [messages.model] },
    },
    issues: [
      { code: "too_big", maximum: 2, path: ["temperature"], message: messages.temperature },
      {
        code: "too_small",
        minimum: 1,
        path: ["messages", 0, "content"],
        message: messages.content,
      },
      { code: "invalid_value", path: ["model"], message: messages.model },
    ],
  };
}

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
 * `maxRetries` is the client's, so retryable failures outlast every retry and reach the page;
 * failures a chat is never resent after (a dropped connection, a timeout) get one script, so
 * none is left over for the next request.
 * @param {{ scenario: string, code?: string }} request
 * @param {{ maxRetries: number }} options
 * @returns {{ scripts: object[], timeoutMs?: number, abortAfterMs?: number } | undefined}
 */
export function scriptsFor({ scenario, code }, { maxRetries }) {
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
            body: validationBody(),
          },
        ],
      };
    case "code":
      return code === undefined ? undefined : scriptsForCode(code, maxRetries);
    default:
      return undefined;
  }
}

/**
 * @param {string} code
 * @param {number} maxRetries
 */
function scriptsForCode(code, maxRetries) {
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
      return {
        scripts: [
          {
            status: 200,
            headers: { "content-type": "application/json" },
            body: "{ not json",
          },
        ],
      };
    case "STREAM_INTERRUPTED":
      return {
        scripts: [{ stream: { chunks: PARTIAL_REPLY, cutAfter: 3, chunkDelayMs: CHUNK_DELAY_MS } }],
      };
    case "INVALID_REQUEST":
      return scriptsFor({ scenario: "validation" }, { maxRetries });
    default: {
      const tries = chatTriesFor(code, maxRetries);
      return { scripts: Array.from({ length: tries }, () => ({ error: code })) };
    }
  }
}
