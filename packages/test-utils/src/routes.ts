import type { VeniceErrorCode } from "@venice-errors/core";
import type { FakeFieldErrors } from "./factories/bodies.js";
import {
  type HeaderRecord,
  mergeHeaders,
  type RateLimitHeaderOptions,
  rateLimitHeaders,
  veniceBaseHeaders,
} from "./factories/headers.js";
import type { IdGenerator } from "./factories/ids.js";
import { FAKE_MP4_BYTES, fakeAudio, TINY_PNG_BYTES } from "./factories/media.js";
import {
  apiKeyRateLimits,
  billingBalance,
  embeddingList,
  fakeCharacters,
  responseObject,
  transcription,
  usageAnalytics,
} from "./factories/resources.js";
import {
  createErrorAnswer,
  type ErrorResponseOptions,
  type FakeAnswer,
} from "./factories/responses.js";
import { DEFAULT_FAKE_MODEL, fakeReplyFor, imageGeneration } from "./factories/success.js";
import type { FakeJobOptions, FakeJobStore } from "./jobs.js";
import type { FakeMultipartBody } from "./request-body.js";

/** What a route needs to answer besides the request. */
export interface RouteContext {
  ids: IdGenerator;
  now: number;
  /** Counts the request and returns the rate-limit state to report. */
  count: (tokens: number) => RateLimitHeaderOptions;
  /** Extra headers of a success script (e.g. `x-venice-is-content-violation: true`). */
  headers: Record<string, string> | undefined;
  jobs: FakeJobStore;
  /** The `job` of a queue script. */
  job: FakeJobOptions | undefined;
}

/** The request as far as a route is concerned. */
export interface RouteRequest {
  method: string;
  path: string;
  /** The request target with its query (`/api/v1/billing/usage-analytics?lookback=7d`). */
  url?: string;
  body: unknown;
}

/** One route of the fake: its method, path (a pattern for path parameters) and success answer. */
export interface FakeRoute {
  method: string;
  path: string | RegExp;
  answer(request: RouteRequest, context: RouteContext): FakeAnswer;
}

function isMultipart(body: unknown): body is FakeMultipartBody {
  return (
    typeof body === "object" && body !== null && (body as FakeMultipartBody).multipart === true
  );
}

/** The body's fields: JSON keys, or multipart text fields plus file fields (as their summaries). */
function fieldsOf(body: unknown): Record<string, unknown> {
  if (isMultipart(body)) {
    const fields: Record<string, unknown> = { ...body.fields };
    for (const file of body.files) {
      const previous = fields[file.field];
      fields[file.field] = previous === undefined ? file : [previous, file].flat();
    }
    return fields;
  }
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function given(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== null &&
    value !== "" &&
    !(Array.isArray(value) && value.length === 0)
  );
}

/** 400 `Invalid request parameters` with zod-style details for each missing field, or undefined. */
function missing(
  request: RouteRequest,
  context: RouteContext,
  names: readonly string[],
): FakeAnswer | undefined {
  const fields = fieldsOf(request.body);
  const errors: FakeFieldErrors = {};
  for (const name of names) if (!given(fields[name])) errors[name] = ["Required"];
  return Object.keys(errors).length === 0
    ? undefined
    : fail(context, "INVALID_REQUEST", { fieldErrors: errors });
}

function fail(
  context: RouteContext,
  code: VeniceErrorCode,
  options: ErrorResponseOptions = {},
): FakeAnswer {
  return createErrorAnswer(code, {
    ids: context.ids,
    now: () => context.now,
    rateLimit: context.count(0),
    ...options,
  });
}

function headers(
  context: RouteContext,
  contentType: string,
  inference: boolean,
  extra?: HeaderRecord,
): HeaderRecord {
  return mergeHeaders(
    veniceBaseHeaders({ ids: context.ids, now: context.now, requestId: true, contentType }),
    inference ? rateLimitHeaders(context.count(0)) : undefined,
    extra,
    context.headers,
  );
}

function json(context: RouteContext, body: unknown, inference = false): FakeAnswer {
  return {
    status: 200,
    headers: headers(context, "application/json; charset=utf-8", inference),
    body: JSON.stringify(body),
  };
}

function bytes(
  context: RouteContext,
  contentType: string,
  body: Uint8Array,
  extra?: HeaderRecord,
): FakeAnswer {
  return { status: 200, headers: headers(context, contentType, true, extra), body };
}

/** A generated image: PNG bytes, flagged as no content violation unless a script says otherwise. */
function png(context: RouteContext, model: unknown): FakeAnswer {
  return bytes(context, "image/png", TINY_PNG_BYTES, {
    "x-venice-is-content-violation": "false",
    "x-venice-model-id": typeof model === "string" ? model : "qwen-edit",
  });
}

function model(request: RouteRequest, fallback: string): string {
  const value = fieldsOf(request.body).model;
  return typeof value === "string" ? value : fallback;
}

const queue =
  (kind: "audio" | "video", required: readonly string[]) =>
  (request: RouteRequest, context: RouteContext): FakeAnswer => {
    const invalid = missing(request, context, required);
    if (invalid) return invalid;
    const id = context.ids.requestId();
    const job = context.jobs.create(
      kind,
      id,
      model(request, DEFAULT_FAKE_MODEL),
      context.now,
      context.job,
    );
    return json(
      context,
      kind === "audio"
        ? { model: job.model, queue_id: id, status: "QUEUED" }
        : {
            model: job.model,
            queue_id: id,
            ...(job.downloadUrl ? { download_url: job.downloadUrl } : {}),
          },
      true,
    );
  };

const retrieve =
  (kind: "audio" | "video") =>
  (request: RouteRequest, context: RouteContext): FakeAnswer => {
    const invalid = missing(request, context, ["model", "queue_id"]);
    if (invalid) return invalid;
    const fields = fieldsOf(request.body);
    const { job, state } = context.jobs.lookup(kind, fields.queue_id, context.now);
    if (!job) return fail(context, "MEDIA_NOT_FOUND");
    if (state === "processing") {
      return json(context, {
        status: "PROCESSING",
        average_execution_time: job.durationMs,
        execution_duration: context.now - job.createdAt,
      });
    }
    if (job.outcome === "content_policy") {
      return fail(context, "CONTENT_POLICY_VIOLATION", {
        shape: kind === "video" ? "provider-content-policy" : "suggested-prompt",
      });
    }
    if (job.outcome === "failed") {
      // The live API has sent this JSON labelled video/mp4, with leading spaces.
      return {
        status: 200,
        headers: headers(context, kind === "video" ? "video/mp4" : "application/json", false),
        body: '  {"status":"FAILED","error":"generation failed"}',
      };
    }
    if (fields.delete_media_on_completion === true) context.jobs.delete(job.id);
    if (job.downloadUrl) return json(context, { status: "COMPLETED" });
    if (kind === "video") return bytes(context, "video/mp4", FAKE_MP4_BYTES);
    const audio = fakeAudio("mp3");
    return bytes(context, audio.contentType, audio.bytes);
  };

const complete =
  (kind: "audio" | "video") =>
  (request: RouteRequest, context: RouteContext): FakeAnswer => {
    const invalid = missing(request, context, ["model", "queue_id"]);
    if (invalid) return invalid;
    const queueId = fieldsOf(request.body).queue_id;
    if (!context.jobs.has(kind, queueId)) return fail(context, "MEDIA_NOT_FOUND");
    context.jobs.delete(queueId);
    return json(context, { success: true });
  };

const LOOKBACK = /^[1-9]\d*d$/;

/**
 * Every route the fake speaks besides chat completions and models, with the facts of Venice's
 * swagger (veniceai/api-docs `swagger.yaml`): paths, required fields, answer types and headers.
 */
export const FAKE_ROUTES: readonly FakeRoute[] = [
  {
    method: "POST",
    path: "/image/generate",
    answer(request, context) {
      const invalid = missing(request, context, ["model", "prompt"]);
      if (invalid) return invalid;
      if (fieldsOf(request.body).return_binary === true)
        return png(context, model(request, "z-image-turbo"));
      return {
        status: 200,
        headers: headers(context, "application/json; charset=utf-8", true, {
          "x-venice-is-content-violation": "false",
        }),
        body: JSON.stringify(imageGeneration({ ids: context.ids, now: context.now })),
      };
    },
  },
  {
    method: "POST",
    path: "/image/edit",
    answer: (request, context) =>
      missing(request, context, ["image", "prompt"]) ??
      png(context, fieldsOf(request.body).modelId),
  },
  {
    method: "POST",
    path: "/image/multi-edit",
    answer: (request, context) =>
      missing(request, context, ["images", "prompt"]) ??
      png(context, fieldsOf(request.body).modelId),
  },
  {
    method: "POST",
    path: "/image/upscale",
    answer: (request, context) => missing(request, context, ["image"]) ?? png(context, "upscaler"),
  },
  {
    method: "POST",
    path: "/image/background-remove",
    answer(request, context) {
      const fields = fieldsOf(request.body);
      if (!given(fields.image) && !given(fields.image_url)) {
        return fail(context, "INVALID_REQUEST", {
          fieldErrors: { image: ["Provide image or image_url"] },
        });
      }
      return png(context, "background-remover");
    },
  },
  {
    method: "POST",
    path: "/embeddings",
    answer(request, context) {
      const invalid = missing(request, context, ["model", "input"]);
      if (invalid) return invalid;
      const fields = fieldsOf(request.body);
      const dimensions = typeof fields.dimensions === "number" ? fields.dimensions : undefined;
      return json(
        context,
        embeddingList({
          model: model(request, "text-embedding-bge-m3"),
          input: fields.input,
          ...(dimensions ? { dimensions } : {}),
        }),
        true,
      );
    },
  },
  {
    method: "POST",
    path: "/audio/speech",
    answer(request, context) {
      const invalid = missing(request, context, ["input"]);
      if (invalid) return invalid;
      const fields = fieldsOf(request.body);
      if (typeof fields.input === "string" && fields.input.length > 4096) {
        return fail(context, "INVALID_REQUEST", {
          fieldErrors: { input: ["String must contain at most 4096 character(s)"] },
        });
      }
      const audio = fakeAudio(
        typeof fields.response_format === "string" ? fields.response_format : "mp3",
      );
      return bytes(context, audio.contentType, audio.bytes);
    },
  },
  {
    method: "POST",
    path: "/audio/transcriptions",
    answer(request, context) {
      if (!isMultipart(request.body)) return fail(context, "INVALID_CONTENT_TYPE");
      const file = request.body.files.find((entry) => entry.field === "file");
      if (!file) return fail(context, "INVALID_REQUEST", { fieldErrors: { file: ["Required"] } });
      if (file.size === 0) {
        return fail(context, "INVALID_REQUEST", {
          status: 422,
          body: { error: "Audio file is empty" },
        });
      }
      const fields = request.body.fields;
      const result = transcription(file.size, fields.timestamps === "true");
      if (fields.response_format === "text") {
        return {
          status: 200,
          headers: headers(context, "text/plain; charset=utf-8", true),
          body: result.text,
        };
      }
      return json(context, result, true);
    },
  },
  { method: "POST", path: "/audio/queue", answer: queue("audio", ["model", "prompt"]) },
  { method: "POST", path: "/audio/retrieve", answer: retrieve("audio") },
  { method: "POST", path: "/audio/complete", answer: complete("audio") },
  { method: "POST", path: "/video/queue", answer: queue("video", ["model", "prompt", "duration"]) },
  { method: "POST", path: "/video/retrieve", answer: retrieve("video") },
  { method: "POST", path: "/video/complete", answer: complete("video") },
  {
    method: "POST",
    path: "/responses",
    answer(request, context) {
      const invalid = missing(request, context, ["model", "input"]);
      if (invalid) return invalid;
      const input = fieldsOf(request.body).input;
      const text = fakeReplyFor({
        messages: typeof input === "string" ? [{ role: "user", content: input }] : input,
      });
      return json(
        context,
        responseObject({
          ids: context.ids,
          now: context.now,
          model: model(request, DEFAULT_FAKE_MODEL),
          text,
        }),
        true,
      );
    },
  },
  {
    method: "GET",
    path: "/characters",
    answer: (_request, context) =>
      json(context, { object: "list", data: fakeCharacters(context.now) }),
  },
  {
    method: "GET",
    path: /^\/characters\/([^/]+)$/,
    answer(request, context) {
      const slug = decodeURIComponent(request.path.slice("/characters/".length));
      const character = fakeCharacters(context.now).find((entry) => entry.slug === slug);
      if (!character)
        return fail(context, "CHARACTER_NOT_FOUND", { body: { error: "Character not found" } });
      return json(context, { object: "character", data: character });
    },
  },
  {
    method: "GET",
    path: "/api_keys/rate_limits",
    answer: (_request, context) => json(context, apiKeyRateLimits(context.now)),
  },
  {
    method: "GET",
    path: "/billing/balance",
    answer: (_request, context) => json(context, billingBalance()),
  },
  {
    method: "GET",
    path: "/billing/usage-analytics",
    answer(request, context) {
      const query = new URLSearchParams((request.url ?? "").split("?")[1] ?? "");
      const lookback = query.get("lookback") ?? "7d";
      const days = Number.parseInt(lookback, 10);
      if (!LOOKBACK.test(lookback) || days > 90) {
        return fail(context, "INVALID_REQUEST", {
          fieldErrors: { lookback: ["Lookback must look like 7d, at most 90d"] },
        });
      }
      return json(context, usageAnalytics(context.now, lookback));
    },
  },
];

/** The route `request` goes to, if the fake knows it. */
export function findRoute(request: RouteRequest): FakeRoute | undefined {
  return FAKE_ROUTES.find(
    (route) =>
      route.method === request.method &&
      (typeof route.path === "string"
        ? route.path === request.path
        : route.path.test(request.path)),
  );
}
