/** How a fake audio or video job ends. */
export type FakeJobOutcome =
  /** The media (MP4 or MP3 bytes). */
  | "success"
  /** 422 CONTENT_POLICY_VIOLATION, credits refunded (video: with `recommended_model`; audio: with `suggested_prompt`). */
  | "content_policy"
  /** 200 `  {"status":"FAILED","error":"generation failed"}`, labelled `video/mp4` on video as the live API does. */
  | "failed";

/** Options of one fake job (the `job` of a queue script) or the defaults of every job. */
export interface FakeJobOptions {
  /** How long the job is PROCESSING, by the fake's clock (default 10 000 ms). */
  durationMs?: number;
  outcome?: FakeJobOutcome;
  /** The media expires this long after completion: retrieves then get 404 MEDIA_NOT_FOUND (default never). */
  expiresAfterMs?: number;
  /** Answer the queue with a `download_url` and the finished retrieve with `{"status":"COMPLETED"}` (private models). */
  downloadUrl?: boolean;
}

/** A queued fake job. */
export interface FakeJob {
  id: string;
  kind: "audio" | "video";
  model: string;
  createdAt: number;
  durationMs: number;
  outcome: FakeJobOutcome;
  expiresAfterMs: number | undefined;
  downloadUrl: string | undefined;
}

/** What a retrieve sees of a job at a moment. */
export type FakeJobState = "missing" | "processing" | "done";

/** Jobs by queue id; their status advances with the clock passed in (the fake's injectable clock). */
export class FakeJobStore {
  readonly #jobs = new Map<string, FakeJob>();
  readonly #defaults: FakeJobOptions;

  constructor(defaults: FakeJobOptions = {}) {
    this.#defaults = defaults;
  }

  /** Queues a job at `now`. */
  create(
    kind: FakeJob["kind"],
    id: string,
    model: string,
    now: number,
    options: FakeJobOptions = {},
  ): FakeJob {
    const merged = { ...this.#defaults, ...options };
    const job: FakeJob = {
      id,
      kind,
      model,
      createdAt: now,
      durationMs: merged.durationMs ?? 10_000,
      outcome: merged.outcome ?? "success",
      expiresAfterMs: merged.expiresAfterMs,
      downloadUrl: merged.downloadUrl
        ? `https://private-share.venice.ai/v1/share/read/${id}`
        : undefined,
    };
    this.#jobs.set(id, job);
    return job;
  }

  /** The job of `kind` with `id` and where it stands at `now` (expired jobs are missing). */
  lookup(
    kind: FakeJob["kind"],
    id: unknown,
    now: number,
  ): { job: FakeJob | undefined; state: FakeJobState } {
    const job = typeof id === "string" ? this.#jobs.get(id) : undefined;
    if (!job || job.kind !== kind) return { job: undefined, state: "missing" };
    const doneAt = job.createdAt + job.durationMs;
    if (now < doneAt) return { job, state: "processing" };
    if (job.expiresAfterMs !== undefined && now >= doneAt + job.expiresAfterMs) {
      return { job: undefined, state: "missing" };
    }
    return { job, state: "done" };
  }

  /** True when a job of `kind` with `id` was queued and not deleted (expired or not). */
  has(kind: FakeJob["kind"], id: unknown): boolean {
    return typeof id === "string" && this.#jobs.get(id)?.kind === kind;
  }

  /** Deletes a job's media (`/complete`, `delete_media_on_completion`); false when unknown. */
  delete(id: unknown): boolean {
    return typeof id === "string" && this.#jobs.delete(id);
  }

  /** Forgets every job. */
  clear(): void {
    this.#jobs.clear();
  }
}
