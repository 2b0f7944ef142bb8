/** The Redis keys of one API key's shared state. */
export interface StateKeys {
  /** Sorted set: failed requests in the window (score: when, member: a unique id). */
  readonly failures: string;
  /** Sorted set: budget slots reserved by tries in flight (score: lease expiry). */
  readonly inflight: string;
  /** Hash: model -> cooldown end (epoch ms); `""` for requests without a model. */
  readonly cooldowns: string;
  /** String: end of a key-wide lock-out reported by Venice (epoch ms). */
  readonly lockout: string;
}

/**
 * Keys are named by `keyId` (a hash of the API key, never the key). The `{…}` hash tag keeps
 * one key's state in one Redis Cluster slot, so a script may touch all of it.
 */
export function stateKeys(prefix: string, keyId: string): StateKeys {
  const base = `${prefix}{${keyId}}:`;
  return {
    failures: `${base}failures`,
    inflight: `${base}inflight`,
    cooldowns: `${base}cooldowns`,
    lockout: `${base}lockout`,
  };
}

/** The one pub/sub channel on which every process announces changes (all keys). */
export function eventsChannel(prefix: string): string {
  return `${prefix}events`;
}

/** `CoordinatedTry.model` as a hash field. */
export function modelField(model: string | undefined): string {
  return model ?? "";
}
