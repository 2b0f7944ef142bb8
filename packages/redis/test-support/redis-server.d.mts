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
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Thaws it (SIGCONT). */
  resume(): void;
}
export interface RedisServerOptions {
  /** This port instead of a free one. */
  port?: number;
  /** More redis-server arguments, e.g. `["--replicaof", "127.0.0.1", "6380"]`. */
  args?: string[];
}
export function hasRedisServer(): boolean;
export function freePort(): Promise<number>;
export function startRedisServer(options?: RedisServerOptions): Promise<RedisServer>;
