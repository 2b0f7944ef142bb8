/**
 * The part of a node-redis client (`createClient()` from `redis` 5) the coordinator uses. A
 * structural type, so a client created with modules, scripts or RESP3 fits as well.
 */
export interface RedisConnection {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: ReadonlyArray<string>, options?: { timeout?: number }): Promise<unknown>;
  /** A new connection with the same options: the coordinator subscribes on one. */
  duplicate(): RedisConnection;
  subscribe(
    channel: string,
    listener: (message: string, channel: string) => void,
  ): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Waits for replies in flight, then disconnects. */
  close(): Promise<unknown>;
  /** Disconnects at once. */
  destroy(): unknown;
  /** Lets the process exit while the connection is open (node-redis `unref`). */
  unref?(): unknown;
}
