// Venice answers collected from public material the classifier was not built from (venice-api-facts
// and the error-code table are its sources). Each row names where the answer was seen. Rows marked
// "documented" reproduce a shape and wording a Venice document describes; rows marked "logged" were
// copied from a program's log or a bug report; "reconstructed" rows keep the documented shape and
// headers where the document paraphrases the message.
import type { VeniceErrorCode } from "../catalog.js";
import type { VeniceResponseLike } from "../to-venice-error.js";

/** What a user would expect `toVeniceError` to report. */
export type RealExpectation = { code: VeniceErrorCode } & Partial<{
  status: number;
  retryable: boolean;
  retryAfterMs: number;
  requestId: string;
  message: string;
  serverCode: string;
  fieldErrors: Record<string, string[]>;
  creditsRefunded: boolean;
}>;

export type RealResponse = readonly [
  name: string,
  source: string,
  answer: VeniceResponseLike,
  expected: RealExpectation,
];

const SKILLS = "github.com/veniceai/skills";
const INSUFFICIENT =
  "Insufficient USD or Diem balance to complete request. Visit https://venice.ai/settings/api to add credits.";
const DIEM_LIMIT =
  "API key DIEM spend limit exceeded. Your account may still have DIEM balance, but this API key has reached its configured DIEM spending limit.";
const OVERLOADED = "The model is currently overloaded. Please try again later.";

/** Cloudflare's 524 page, as api.dify.ai served it (langgenius/dify#12276), for the Venice host. */
const CLOUDFLARE_524 = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US"> <head> <title>api.venice.ai | 524: A timeout occurred</title>
<meta charset="UTF-8" /> <link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css" /> </head>
<body> <div id="cf-wrapper"> <div id="cf-error-details" class="p-0"> <h1> <span class="inline-block">A timeout occurred</span>
<span class="code-label">Error code 524</span> </h1> </div> </div> </body> </html>`;

/** Cloudflare's block page (bytedance/deer-flow#2748: "Sorry, you have been blocked" calling venice.ai). */
const CLOUDFLARE_BLOCKED = `<!DOCTYPE html>
<html class="no-js" lang="en-US"> <head> <title>Attention Required! | Cloudflare</title> </head>
<body> <div id="cf-wrapper"> <h1 data-translate="block_headline">Sorry, you have been blocked</h1>
<h2 class="cf-subheadline">You are unable to access venice.ai</h2> </div> </body> </html>`;

export const REAL_RESPONSES: readonly RealResponse[] = [
  // Billing and credentials
  [
    "402 insufficient balance",
    "logged: openclaw/openclaw#18137; wulfmeister/nookplot-bot src/__tests__ (bot.log bodies)",
    { status: 402, body: JSON.stringify({ error: INSUFFICIENT }) },
    { code: "INSUFFICIENT_BALANCE", retryable: false, message: INSUFFICIENT },
  ],
  [
    "402 API key DIEM spend limit",
    "logged: wulfmeister/nookplot-bot src/__tests__ (bot.log bodies)",
    { status: 402, body: JSON.stringify({ error: DIEM_LIMIT }) },
    { code: "API_KEY_DIEM_SPEND_LIMIT_EXCEEDED", retryable: false },
  ],
  [
    "402 'Authentication required' without its x402 fields (no key sent; openai-node keeps `error` only)",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md §8; logged: clawnchdev/clawmes#44`,
    { status: 402, body: { error: "Authentication required" } },
    { code: "PAYMENT_REQUIRED", retryable: false, message: "Authentication required" },
  ],
  [
    "402 x402 v2 discovery body",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md §8`,
    {
      status: 402,
      body: {
        x402Version: 2,
        error: "Authentication required",
        resource: {
          url: "https://api.venice.ai/api/v1/chat/completions",
          description: "Venice API",
        },
        accepts: [{ scheme: "exact", network: "eip155:8453" }],
        authOptions: { apiKey: { header: "Authorization: Bearer YOUR_API_KEY" } },
      },
    },
    { code: "PAYMENT_REQUIRED" },
  ],
  [
    "401 Authentication failed through openai-node",
    'logged: openclaw/openclaw#22115 (`401 "Authentication failed"`; CF-RAY value illustrative)',
    {
      status: 401,
      headers: { "cf-ray": "8f2a6c1d9e3b4a57-SJC" },
      body: { error: "Authentication failed" },
    },
    { code: "AUTHENTICATION_FAILED", requestId: "8f2a6c1d9e3b4a57-SJC" },
  ],
  [
    "401 admin key required",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (status map)`,
    { status: 401, body: { error: "Admin API key required" } },
    { code: "AUTHENTICATION_FAILED", retryable: false },
  ],
  [
    "401 old-table wording 'Invalid API key provided'",
    "documented: veniceai/api-docs llms-full.txt (earlier error-code table)",
    { status: 401, body: { error: "Invalid API key provided" } },
    { code: "AUTHENTICATION_FAILED" },
  ],
  [
    "403 Cloudflare block page",
    "logged: bytedance/deer-flow#2748",
    {
      status: 403,
      headers: { "content-type": "text/html; charset=UTF-8", "cf-ray": "8c1e2f3a4b5c6d7e-FRA" },
      body: CLOUDFLARE_BLOCKED,
    },
    { code: "UNAUTHORIZED", status: 403, retryable: false, requestId: "8c1e2f3a4b5c6d7e-FRA" },
  ],
  // Validation
  [
    "400 older validation form rejecting stream_options",
    "logged: ar-jan/llm-venice#3",
    {
      status: 400,
      body: {
        error: [
          {
            code: "unrecognized_keys",
            keys: ["stream_options"],
            path: [],
            message: "Unrecognized key(s) in object: 'stream_options'",
          },
        ],
      },
    },
    {
      code: "INVALID_REQUEST",
      fieldErrors: { "": ["Unrecognized key(s) in object: 'stream_options'"] },
    },
  ],
  [
    "400 GET /models?type=bogus (details tree and invalid_union issue)",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md §2 (live response)`,
    {
      status: 400,
      body: {
        error: "Invalid request parameters",
        details: {
          _errors: [],
          type: {
            _errors: [
              "Invalid enum value. Expected 'asr' | 'decision', received 'bogus'",
              "Invalid enum value. Expected 'all' | 'code', received 'bogus'",
            ],
          },
        },
        issues: [
          { code: "invalid_union", unionErrors: [], path: ["type"], message: "Invalid input" },
        ],
      },
    },
    {
      code: "INVALID_REQUEST",
      fieldErrors: {
        type: [
          "Invalid enum value. Expected 'asr' | 'decision', received 'bogus'",
          "Invalid enum value. Expected 'all' | 'code', received 'bogus'",
          "Invalid input",
        ],
      },
    },
  ],
  [
    "400 provider rejection of a sampling value",
    "logged: wulfmeister/nookplot-bot src/__tests__/gpt61-sol.test.ts",
    {
      status: 400,
      body: { error: "Unsupported value: 'temperature' does not support 0.2 with this model." },
    },
    { code: "INVALID_REQUEST", retryable: false },
  ],
  [
    "400 missing model",
    `documented: ${SKILLS} skills/venice-audio-transcription/SKILL.md`,
    { status: 400, body: { error: "model is required" } },
    { code: "INVALID_REQUEST" },
  ],
  [
    "400 JSON instead of multipart",
    `documented: ${SKILLS} skills/venice-audio-transcription/SKILL.md`,
    { status: 400, body: { error: "No audio file provided" } },
    { code: "INVALID_REQUEST" },
  ],
  [
    "400 invalid JSON",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (status map)`,
    { status: 400, body: { error: "Invalid JSON request" } },
    { code: "INVALID_REQUEST" },
  ],
  [
    "400 wrong Content-Type",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (status map)`,
    { status: 400, body: { error: "'Content-Type' must be 'application/json'" } },
    { code: "INVALID_CONTENT_TYPE", status: 400 },
  ],
  [
    "400 support text without a request id",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md §4`,
    {
      status: 400,
      body: {
        error: "Invalid request parameters. For assistance, please reach out to support@venice.ai",
      },
    },
    { code: "INVALID_REQUEST" },
  ],
  [
    "400 /video/retrieve unknown queue_id",
    `documented: ${SKILLS} skills/venice-video/SKILL.md (errors)`,
    { status: 400, body: { error: "Request ID is invalid." } },
    { code: "REQUEST_ID_NOT_FOUND" },
  ],
  [
    "413 JSON body over 35 MB",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (status map)`,
    { status: 413, body: { error: "Request body exceeds the maximum allowed size." } },
    { code: "PAYLOAD_TOO_LARGE" },
  ],
  [
    "413 multipart file over 25 MB",
    `documented: ${SKILLS} skills/venice-audio-transcription/SKILL.md`,
    {
      status: 413,
      body: { code: "PAYLOAD_TOO_LARGE", error: "File exceeds the maximum allowed size of 25 MB." },
    },
    { code: "PAYLOAD_TOO_LARGE", serverCode: "PAYLOAD_TOO_LARGE" },
  ],
  [
    "422 input blocked by moderation",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md §5`,
    { status: 422, body: { error: "Your input was blocked by content moderation." } },
    { code: "CONTENT_POLICY_VIOLATION", retryable: false },
  ],
  // Not found, retired
  [
    "404 unknown model, named",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (status map; model id illustrative)`,
    { status: 404, body: { error: "Specified model not found: llama-9-405b" } },
    { code: "MODEL_NOT_FOUND" },
  ],
  [
    "404 /video/retrieve media expired",
    `documented: ${SKILLS} skills/venice-video/SKILL.md (errors)`,
    {
      status: 404,
      body: { error: "Media could not be found. Request may may be invalid, expired, or deleted." },
    },
    { code: "MEDIA_NOT_FOUND" },
  ],
  [
    "410 retired POST /video/transcriptions naming its replacement",
    `reconstructed: ${SKILLS} skills/venice-video/SKILL.md ("/video/transcriptions (retired)")`,
    {
      status: 410,
      headers: {
        Deprecation: "true",
        Link: '</api/v1/chat/completions>; rel="successor-version", </api/v1/models>; rel="describedby"',
      },
      body: {
        error:
          "POST /video/transcriptions has been removed. To analyze a video, call POST /chat/completions with a video_url content part.",
      },
    },
    { code: "RESOURCE_RETIRED", status: 410, retryable: false },
  ],
  [
    "429 on the retired endpoint (message prefixed by 'Rate limit exceeded.')",
    `reconstructed: ${SKILLS} skills/venice-video/SKILL.md ("/video/transcriptions (retired)")`,
    {
      status: 429,
      body: { error: "Rate limit exceeded. POST /video/transcriptions has been removed." },
    },
    { code: "RATE_LIMIT_EXCEEDED", retryable: true },
  ],
  // Rate limits and lock-outs
  [
    "429 abuse lock-out without a wait",
    "logged: wulfmeister/nookplot-bot src/__tests__ (bot.log lock-out)",
    { status: 429, body: '{"error":"Too many failed attempts (> 50). Try again later."}' },
    { code: "TOO_MANY_FAILED_ATTEMPTS", retryable: true },
  ],
  [
    "429 per-route limiter on /x402/*",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (rate limits)`,
    { status: 429, body: { error: "Rate limit exceeded. Please try again later." } },
    { code: "RATE_LIMIT_EXCEEDED" },
  ],
  [
    "429 model limit with reset in Unix ms",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (rate limits)`,
    {
      status: 429,
      headers: {
        "x-ratelimit-limit-requests": "50",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "1790000012000",
      },
      body: { error: "Rate limit exceeded" },
    },
    { code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 12_000 },
  ],
  [
    "429 overloaded with Retry-After",
    `logged: wulfmeister/nookplot-bot; documented: ${SKILLS} skills/venice-errors/SKILL.md`,
    { status: 429, headers: { "Retry-After": "30" }, body: { error: OVERLOADED } },
    { code: "MODEL_OVERLOADED", retryAfterMs: 30_000, retryable: true },
  ],
  // Server side
  [
    "500 inference failed",
    "logged: wulfmeister/nookplot-bot src/__tests__ (production transient shapes)",
    { status: 500, body: '{"error":"Inference processing failed"}' },
    { code: "INFERENCE_FAILED", retryable: true },
  ],
  [
    "500 overload on /responses",
    `documented: ${SKILLS} skills/venice-responses/SKILL.md (errors)`,
    { status: 500, body: { error: OVERLOADED } },
    { code: "MODEL_OVERLOADED", status: 500 },
  ],
  [
    "500 TTS stream failed before headers",
    `documented: ${SKILLS} skills/venice-audio-speech/SKILL.md`,
    { status: 500, body: { error: "Stream error" } },
    { code: "UNKNOWN_ERROR", status: 500, retryable: true, message: "Stream error" },
  ],
  [
    "502 TTS upstream",
    `documented: ${SKILLS} skills/venice-audio-speech/SKILL.md`,
    {
      status: 502,
      body: {
        error: "Speech synthesis failed due to a temporary upstream error. Please retry.",
      },
    },
    { code: "UNKNOWN_ERROR", status: 502, retryable: true },
  ],
  [
    "502 ASR upstream",
    `documented: ${SKILLS} skills/venice-audio-transcription/SKILL.md`,
    {
      status: 502,
      body: {
        error: "Audio transcription failed due to a temporary upstream error. Please retry.",
      },
    },
    { code: "ASR_UPSTREAM_FAILED", retryable: true },
  ],
  [
    "524 Cloudflare timeout page",
    "logged: langgenius/dify#12276 and #20016 (Cloudflare 524 page)",
    {
      status: 524,
      headers: { "content-type": "text/html; charset=UTF-8", "cf-ray": "8c1e2f3a4b5c6d7f-AMS" },
      body: CLOUDFLARE_524,
    },
    { code: "REQUEST_TIMEOUT", status: 524, retryable: true, requestId: "8c1e2f3a4b5c6d7f-AMS" },
  ],
  [
    "422 replayed video provider failure with refund and hint",
    `reconstructed: ${SKILLS} skills/venice-video/SKILL.md (errors)`,
    {
      status: 422,
      body: {
        error: "The video could not be generated by the provider.",
        credits_refunded: true,
        hint: "Try a shorter duration.",
      },
    },
    { code: "UNKNOWN_ERROR", status: 422, retryable: false, creditsRefunded: true },
  ],
  // In-stream (status 200)
  [
    "chat stream overload chunk",
    `documented: ${SKILLS} skills/venice-errors/SKILL.md (streaming errors)`,
    {
      status: 200,
      body: {
        error: {
          message: OVERLOADED,
          type: "server_error",
          code: "model_overloaded",
          param: null,
          retry_after: 30,
        },
      },
    },
    { code: "MODEL_OVERLOADED", status: 200, retryAfterMs: 30_000, serverCode: "model_overloaded" },
  ],
  [
    "/responses stream response.failed",
    `documented: ${SKILLS} skills/venice-responses/SKILL.md (streaming)`,
    {
      status: 200,
      body: {
        type: "response.failed",
        sequence_number: 7,
        response: {
          id: "resp_chatcmpl-abc123",
          status: "failed",
          error: { code: "server_error", message: "Inference processing failed" },
        },
      },
    },
    { code: "INFERENCE_FAILED", status: 200, serverCode: "server_error" },
  ],
];
