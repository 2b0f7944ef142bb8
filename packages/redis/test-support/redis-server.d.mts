/** A redis-server started for a test or benchmark. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Ends it by PID (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
  /** Ends it by PID with SIGKILL (a crash) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `stop`/`kill`). */
  restart(): Promise<void>;
}
export function hasRedisServer(): boolean;
export function freePort(): Promise<number>;
export function startRedisServer(): Promise<RedisServer>;
