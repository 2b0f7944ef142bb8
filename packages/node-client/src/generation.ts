/**
 * Routes whose POST starts paid work: chat and text completions, the Responses API, and every
 * image, audio and video route except the reads of a job that already runs (`retrieve`,
 * `complete`). Matched on the end of the path, so any base URL works.
 */
const GENERATION_PATH =
  /\/(chat\/completions|completions|responses|images?\/[A-Za-z0-9_-]+|audio\/[A-Za-z0-9_-]+|video\/[A-Za-z0-9_-]+)\/?$/;
const JOB_READ_PATH = /\/(audio|video)\/(retrieve|complete)\/?$/;

/**
 * True when a request starts paid work, so it may be retried only on answers that prove the work
 * did not happen (see `isRetryable` in core). `path` must not hold a query.
 */
export function isGenerationRequest(method: string, path: string): boolean {
  if (method.length !== 4 || method.toUpperCase() !== "POST") return false;
  return GENERATION_PATH.test(path) && !JOB_READ_PATH.test(path);
}

/** Whether a planned request starts paid work: its own `generation` flag, else its route's. */
export function generationOf(plan: {
  readonly method: string;
  readonly path: string;
  readonly generation?: boolean | undefined;
}): boolean {
  return plan.generation ?? isGenerationRequest(plan.method, plan.path);
}
