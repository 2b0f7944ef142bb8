import type { VeniceLogger } from "@venice-errors/node-client";
import type { RedisConnection } from "./connection.js";
import { type LuaScript, runScript } from "./scripts.js";

/** Where the coordinator's state lives right now. */
export type CoordinatorMode = "redis" | "local";

/**
 * The coordinator's two connections (commands, and pub/sub) and their health. Redis is used
 * only while both are ready, subscribed and synced, and no command was slow lately; any trouble
 * switches to in-process state with ONE warning until a resync succeeds.
 */
export class RedisLink {
  /** Scripts this process ran (one each, the NOSCRIPT reload included). */
  commands = 0;
  subscribed = false;
  #synced = false;
  /** No resync before this (local clock): after a slow answer or an error reply, back off. */
  #slowUntil = 0;
  #troubled = false;

  constructor(
    readonly connection: RedisConnection,
    readonly subscriber: RedisConnection,
    private readonly options: {
      readonly timeoutMs: number;
      readonly retryMs: number;
      readonly logger: VeniceLogger | undefined;
      readonly now: () => number;
    },
  ) {}

  /** True when a command may be sent: state in Redis is trusted. */
  get usable(): boolean {
    return (
      this.#synced &&
      this.subscribed &&
      this.connection.isReady &&
      this.subscriber.isReady &&
      this.options.now() >= this.#slowUntil
    );
  }

  /** True when the connections are up, so a resync may be tried. */
  get connected(): boolean {
    return this.subscribed && this.connection.isReady && this.subscriber.isReady;
  }

  get mode(): CoordinatorMode {
    return this.usable ? "redis" : "local";
  }

  /** Runs a script; on error or timeout marks the trouble and rethrows (callers go local). */
  async run(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    this.commands++;
    try {
      return await runScript(this.connection, script, keys, args, this.options.timeoutMs);
    } catch (error) {
      this.trouble(error);
      throw error;
    }
  }

  /** State in Redis is trusted again (after a snapshot of every key). */
  synced(): void {
    this.#synced = true;
    this.#slowUntil = 0;
    if (this.#troubled) {
      this.#troubled = false;
      this.options.logger?.info?.(
        "Redis is back: Venice limits are shared across the fleet again",
        {},
      );
    }
  }

  /**
   * Redis failed or was slow: go in-process, warn once per outage, and resync before trusting it.
   * Resyncs wait `retryMs` whatever the trouble: a Redis that answers OOM, READONLY, NOAUTH or
   * NOPERM would otherwise be asked again on every request.
   */
  trouble(error: unknown): void {
    const slow = error instanceof Error && error.name === "TimeoutError";
    this.#synced = false;
    this.#slowUntil = this.options.now() + this.options.retryMs;
    if (this.#troubled) return;
    this.#troubled = true;
    this.options.logger?.warn?.(
      "Redis is unreachable or slow: Venice requests go on with in-process limits until it is back",
      { reason: slow ? `a command took over ${this.options.timeoutMs} ms` : describe(error) },
    );
  }

  /** A resync is due after a slow spell even though no connection event will come. */
  get resyncDue(): boolean {
    return !this.#synced && this.connected && this.options.now() >= this.#slowUntil;
  }
}

/** An error's name and message, never a URL (it can hold a password). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message}`.replace(/\/\/[^@/\s]*@/g, "//[REDACTED]@");
}
