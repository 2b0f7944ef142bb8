import type { VeniceLogger } from "@venice-errors/node-client";
import type { RedisConnection } from "./connection.js";

/** Options of `createRedisCoordinator`: a `url` (it opens and closes its own connections) or a `client`. */
export interface RedisCoordinatorOptions {
  /** `redis://host:port`: the coordinator connects, reconnects and closes on its own. */
  url?: string;
  /** A node-redis client you own (connected or not); `close()` leaves it open. */
  client?: RedisConnection;
  /** Failed requests (4xx other than 429) allowed per key in the window, across the fleet. Default 15. */
  maxFailures?: number;
  /** Failure window in ms. Default 30000. */
  windowMs?: number;
  /** Prefix of every Redis key and of the pub/sub channel. Default `"venice-errors:"`. */
  keyPrefix?: string;
  /** Receives one warning when Redis goes away (requests go on in-process) and one line when it is back. */
  logger?: VeniceLogger;
  /** A Redis command slower than this counts as Redis trouble: the request goes on in-process. Default 50. */
  timeoutMs?: number;
  /** After a slow command, how long to stay in-process before trying Redis again. Default 1000. */
  retryMs?: number;
  /** How long a reserved budget slot holds when its process never reports back (crash). Default 60000. */
  leaseMs?: number;
  /** A cooldown longer than this refuses (`RATE_LIMIT_EXCEEDED`, `retryAfterMs`) instead of waiting. Default 60000. */
  maxWaitMs?: number;
  /**
   * This process's clock in epoch ms. Default `Date.now`. Shared times follow Redis's `TIME`: the
   * coordinator learns this clock's offset from Redis's replies, so processes may disagree.
   */
  now?: () => number;
}

/** The options with their defaults applied: the one place the defaults live. */
export interface ResolvedOptions {
  maxFailures: number;
  windowMs: number;
  keyPrefix: string;
  logger: VeniceLogger | undefined;
  timeoutMs: number;
  retryMs: number;
  leaseMs: number;
  maxWaitMs: number;
  now: () => number;
}

export function resolveOptions(options: RedisCoordinatorOptions): ResolvedOptions {
  return {
    maxFailures: options.maxFailures ?? 15,
    windowMs: options.windowMs ?? 30_000,
    keyPrefix: options.keyPrefix ?? "venice-errors:",
    logger: options.logger,
    timeoutMs: options.timeoutMs ?? 50,
    retryMs: options.retryMs ?? 1000,
    leaseMs: options.leaseMs ?? 60_000,
    maxWaitMs: options.maxWaitMs ?? 60_000,
    now: options.now ?? Date.now,
  };
}
