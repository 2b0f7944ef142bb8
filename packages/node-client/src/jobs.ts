import { isVeniceError, VeniceError } from "@venice-errors/core";
import { readJson, readMedia, type VeniceBinary } from "./answers.js";
import type { AnswerReader, VeniceCaller } from "./caller.js";
import { clientError, errorFromAnswer, headersForError } from "./errors.js";
import type { VeniceRequestOptions } from "./options.js";

/** Identifies a queued audio or video job. */
export interface JobRef {
  model: string;
  queue_id: string;
}

/** Parameters of `/audio/retrieve` and `/video/retrieve`. */
export interface JobRetrieveParams extends JobRef {
  /** Delete the media from Venice's storage once it was delivered (else call `complete`). */
  delete_media_on_completion?: boolean;
}

/** A job still running (a 200 JSON status body). */
export interface JobPending {
  done: false;
  /** `QUEUED`, `PROCESSING`, … */
  status: string;
  /** Venice's P80 run time for this kind of job, in ms. */
  averageExecutionTimeMs: number | undefined;
  /** How long this job has run, in ms. */
  executionDurationMs: number | undefined;
  /** The server's `Retry-After`, when it sent one. */
  retryAfterMs: number | undefined;
  body: Record<string, unknown>;
}

/** A finished job: the media, or (models that deliver by `download_url`) only the `COMPLETED` body. */
export interface JobDone {
  done: true;
  media: VeniceBinary | undefined;
  body: Record<string, unknown> | undefined;
}

/** What a retrieve answered. A failed job is thrown, never returned. */
export type JobRetrieveResult = JobPending | JobDone;

/** Options of `video.generate` / `audio.generate`. */
export interface JobOptions extends VeniceRequestOptions {
  /** Wait between two retrieves when the server gives no hint. Default 5000 ms. */
  pollIntervalMs?: number;
  /** Ask Venice to delete the media once delivered. Default false. */
  deleteMediaOnCompletion?: boolean;
  /** Called once the job is queued: keep `queue_id` to resume polling with `retrieve` later. */
  onQueued?: (job: JobRef & { download_url?: string }) => void;
  /** Called with every pending status (progress bars). */
  onProgress?: (status: JobPending) => void;
  /**
   * Retrieves that fail with a server wait hint (429, 503 with `Retry-After`) after the client's
   * own retries are waited out and polled again, this many times in a row. Default 3.
   */
  maxPollErrors?: number;
}

/** The outcome of `generate`. */
export interface JobResult {
  model: string;
  queueId: string;
  /** The media, unless the model delivers it by `downloadUrl`. */
  media: VeniceBinary | undefined;
  /** The pre-signed link some models return at queue time (fetch it without the API key). */
  downloadUrl: string | undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function number(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `Retry-After` as ms: seconds or an HTTP date. */
function retryAfter(headers: Headers, now: number): number | undefined {
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A job that reports failure in a 200 body (`{"status":"FAILED","error":"…"}`): classified by core
 * from the body (a content-policy text stays CONTENT_POLICY_VIOLATION), else INFERENCE_FAILED;
 * never retried (asking again gets the same failure).
 */
function jobFailure(
  body: Record<string, unknown>,
  headers: Headers,
  caller: VeniceCaller,
): VeniceError {
  const classified = errorFromAnswer(200, headers, body, caller.secrets, caller.now());
  const known = classified.code !== "UNKNOWN_ERROR";
  return new VeniceError({
    code: known ? classified.code : "INFERENCE_FAILED",
    status: 200,
    message:
      typeof body.error === "string"
        ? body.error
        : `The Venice job failed (${String(body.status)})`,
    headers: headersForError(headers, caller.secrets),
    body,
    matchedBy: known ? classified.matchedBy : "client",
    retryable: false,
  });
}

/** Reads a retrieve answer: media (whatever its label says), a pending status, or a thrown failure. */
export function jobReader(caller: VeniceCaller): AnswerReader<JobRetrieveResult> {
  return async (response) => {
    const answer = await readMedia(response);
    if (answer.kind === "media") return { done: true, media: answer.media, body: undefined };
    const body = record(answer.value);
    const status = typeof body.status === "string" ? body.status.toUpperCase() : "";
    if (status === "FAILED" || (body.error !== undefined && body.error !== null)) {
      throw jobFailure(body, answer.headers, caller);
    }
    if (status === "COMPLETED") return { done: true, media: undefined, body };
    if (status === "") {
      // Without a status there is nothing to wait for: polling on would never end.
      throw clientError("INVALID_RESPONSE", "The Venice job status has no `status`");
    }
    return {
      done: false,
      status,
      averageExecutionTimeMs: number(body.average_execution_time),
      executionDurationMs: number(body.execution_duration),
      retryAfterMs: retryAfter(answer.headers, caller.now()),
      body,
    };
  };
}

/**
 * Polls `retrieve` until the job is done. Waits `pollIntervalMs` (or the server's `Retry-After`)
 * between polls; the caller's signal ends a wait at once (ABORTED). Errors end the job, except
 * retryable ones with a server wait hint, which are waited out (`maxPollErrors` in a row).
 */
export async function pollJob(
  caller: VeniceCaller,
  retrieve: () => Promise<JobRetrieveResult>,
  options: JobOptions,
): Promise<JobDone> {
  const interval = options.pollIntervalMs ?? 5000;
  const maxErrors = options.maxPollErrors ?? 3;
  let errors = 0;
  for (;;) {
    let waitMs: number;
    try {
      const result = await retrieve();
      if (result.done) return result;
      errors = 0;
      options.onProgress?.(result);
      waitMs = result.retryAfterMs ?? interval;
    } catch (error) {
      const waitable = isVeniceError(error) && error.retryable && error.retryAfterMs !== undefined;
      if (!waitable || ++errors > maxErrors) throw error;
      waitMs = Math.max(error.retryAfterMs ?? 0, interval);
    }
    try {
      await caller.sleep(waitMs, options.signal);
    } catch (cause) {
      throw clientError("ABORTED", "Polling the Venice job was aborted by the caller", cause);
    }
  }
}

/** Options for the retrieve call made by `generate`. */
export function requestOptionsOf(options: JobOptions): VeniceRequestOptions {
  const {
    pollIntervalMs: _poll,
    deleteMediaOnCompletion: _delete,
    onQueued: _queued,
    onProgress: _progress,
    maxPollErrors: _errors,
    ...rest
  } = options;
  return rest;
}

/** The four job calls Venice offers for one kind of media (`/audio/*`, `/video/*`). */
export interface JobResource<Params, Queued extends JobRef & { download_url?: string }> {
  queue(params: Params, options?: VeniceRequestOptions): Promise<Queued>;
  retrieve(params: JobRetrieveParams, options?: VeniceRequestOptions): Promise<JobRetrieveResult>;
  complete(params: JobRef, options?: VeniceRequestOptions): Promise<{ success: boolean }>;
  generate(params: Params, options?: JobOptions): Promise<JobResult>;
}

/**
 * Queue (paid work: a generation request), retrieve (the media or its status), complete, and
 * `generate` (queue, then poll until done) for one kind of media.
 */
export function createJobResource<Params, Queued extends JobRef & { download_url?: string }>(
  caller: VeniceCaller,
  kind: "audio" | "video",
  mediaTypes: string,
): JobResource<Params, Queued> {
  const jobs: JobResource<Params, Queued> = {
    queue: (params, options = {}) =>
      caller.call(
        "POST",
        `/${kind}/queue`,
        { ...options, body: params, generation: true },
        readJson,
      ) as Promise<Queued>,
    retrieve: (params, options = {}) =>
      caller.call(
        "POST",
        `/${kind}/retrieve`,
        { ...options, body: params, accept: `${mediaTypes}, application/json` },
        jobReader(caller),
      ),
    complete: (params, options = {}) =>
      caller.call("POST", `/${kind}/complete`, { ...options, body: params }, readJson) as Promise<{
        success: boolean;
      }>,
    async generate(params, options = {}) {
      const requestOptions = requestOptionsOf(options);
      const queued = await jobs.queue(params, requestOptions);
      options.onQueued?.(queued);
      const ref: JobRetrieveParams = { model: queued.model, queue_id: queued.queue_id };
      if (options.deleteMediaOnCompletion) ref.delete_media_on_completion = true;
      const done = await pollJob(caller, () => jobs.retrieve(ref, requestOptions), options);
      return {
        model: queued.model,
        queueId: queued.queue_id,
        media: done.media,
        downloadUrl: queued.download_url,
      };
    },
  };
  return jobs;
}
