import { parseRateLimitHeaders, type VeniceError, type VeniceRateLimit } from "@venice-errors/core";
import type { CoordinatedOutcome } from "./coordinator.js";

/** How a try ended, for the coordinator; the rate-limit headers are parsed only when read. */
export class TryOutcome implements CoordinatedOutcome {
  readonly status: number;
  readonly headers: Headers | undefined;
  readonly error: VeniceError | undefined;
  readonly #at: number;
  #rateLimit: VeniceRateLimit | undefined | null = null;

  constructor(
    status: number,
    headers: Headers | undefined,
    error: VeniceError | undefined,
    at: number,
  ) {
    this.status = status;
    this.headers = headers;
    this.error = error;
    this.#at = at;
  }

  get rateLimit(): VeniceRateLimit | undefined {
    if (this.#rateLimit === null) {
      this.#rateLimit =
        this.error?.rateLimit ??
        (this.headers === undefined ? undefined : parseRateLimitHeaders(this.headers, this.#at));
    }
    return this.#rateLimit;
  }
}
