import { randomUUID } from "node:crypto";
import type {
  CoordinatedOutcome,
  CoordinatedTry,
  CoordinatorDecision,
  VeniceCoordinator,
} from "@venice-errors/node-client";
import { createClient } from "redis";
import type { RedisConnection } from "./connection.js";
import { eventsChannel, modelField, type StateKeys, stateKeys } from "./keys.js";
import { type CoordinatorMode, RedisLink } from "./link.js";
import { type Failure, KeyMirror, type Slot, type Verdict } from "./mirror.js";
import { type RedisCoordinatorOptions, resolveOptions } from "./options.js";
import { readOutcome } from "./outcome.js";
import { parseEvent, parseReservation, parseSnapshot } from "./replies.js";
import { type LuaScript, RESERVE, SETTLE, SNAPSHOT } from "./scripts.js";

/** One key's shared state as this process sees it (for dashboards and tests). */
export interface KeyStateView {
  /** Failed requests in the window, fleet-wide as far as this process knows. */
  readonly failures: number;
  /** This process's tries in flight. */
  readonly inflight: number;
  /** Model -> cooldown end (epoch ms), for cooldowns still running. */
  readonly cooldowns: Readonly<Record<string, number>>;
  /** End of a key-wide lock-out (epoch ms), 0 when none. */
  readonly lockedUntil: number;
}

/** A `VeniceCoordinator` whose state is shared by every process that uses the same Redis. */
export interface RedisCoordinator extends VeniceCoordinator {
  /** Resolves `true` once coordination runs through Redis, `false` if it does not within `timeoutMs` (default 2000). */
  ready(timeoutMs?: number): Promise<boolean>;
  /** `"redis"` while the state is shared; `"local"` while Redis is away (in-process limits). */
  readonly mode: CoordinatorMode;
  /** Redis commands this process has sent (the pub/sub subscription aside). */
  readonly commands: number;
  /** This process's view of one key's state (`keyId` as in `CoordinatedTry`). */
  inspect(keyId: string): KeyStateView;
  /** Stops listening and closes the connections it opened (never a `client` you passed). */
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 1000;

/** Reconnect soon, then every 2 s at most: coordination should resume soon after Redis is back. */
const reconnectDelay = (retries: number) => Math.min(100 * (retries + 1), 2000);

interface Held {
  readonly mirror: KeyMirror;
  readonly keys: StateKeys;
  /** The try's budget slot in Redis (`member`), once it has one. */
  readonly slot: Slot;
}

/**
 * Creates a coordinator that shares one Venice key's failure budget, per-model cooldowns and
 * lock-outs across processes through Redis. Healthy traffic is answered from a local mirror kept
 * fresh by pub/sub (no Redis command); Redis trouble never stops a request.
 *
 * ```ts
 * const coordinator = createRedisCoordinator({ url: "redis://127.0.0.1:6379" });
 * const client = createVeniceClient({ coordinator });
 * ```
 */
export function createRedisCoordinator(options: RedisCoordinatorOptions): RedisCoordinator {
  if (options.client === undefined && options.url === undefined) {
    throw new TypeError("createRedisCoordinator needs a `url` or a node-redis `client`");
  }
  const settings = resolveOptions(options);
  const { windowMs } = settings;
  /**
   * Redis's clock minus this process's, learned from every script reply: the mirror, the windows
   * and the cooldown ends are all kept in Redis's time, so one skewed process stalls nobody.
   */
  let offset = 0;
  const now = () => settings.now() + offset;
  /** Runs a script that answers with Redis's time, and learns the offset from it. */
  const timed = async <T extends { time: number }>(
    script: LuaScript,
    keys: StateKeys,
    args: string[],
    parse: (reply: unknown) => T,
  ): Promise<T> => {
    const sent = settings.now();
    const reply = parse(await link.run(script, keysOf(keys), args));
    const received = settings.now();
    if (reply.time > 0) offset = Math.round(reply.time - (sent + received) / 2);
    return reply;
  };
  const owned = options.client === undefined;
  const connection: RedisConnection =
    options.client ??
    (createClient({
      url: options.url,
      // Fail fast while disconnected: requests go on in-process instead of queueing.
      disableOfflineQueue: true,
      // The coordinator reconnects on its own unref'd timer (`restart`): node-redis's own waits
      // between tries would keep the process alive for as long as Redis is away.
      socket: { reconnectStrategy: false, connectTimeout: CONNECT_TIMEOUT_MS },
    }) satisfies RedisConnection);
  const subscriber = connection.duplicate();
  // Connections never keep the process alive: an app that ends without close() still exits.
  // A `client` you pass keeps the process alive or not as you made it.
  if (owned) connection.unref?.();
  subscriber.unref?.();
  const link = new RedisLink(connection, subscriber, settings);
  const channel = eventsChannel(settings.keyPrefix);
  /** Tells this process's failures and slots apart from every other process's. */
  const origin = randomUUID();
  let sequence = 0;
  const mirrors = new Map<string, { mirror: KeyMirror; keys: StateKeys }>();
  const held = new WeakMap<CoordinatedTry, Held>();
  const pending = new Set<Promise<unknown>>();
  let resyncing: Promise<void> | undefined;
  let closed = false;
  const readyWaiters = new Set<(ok: boolean) => void>();

  /** Scripts in flight (reports of answers): `close()` lets them finish. */
  const track = (promise: Promise<unknown>) => {
    const settled = promise.catch(() => undefined).finally(() => pending.delete(settled));
    pending.add(settled);
  };

  const snapshot = async (keyId: string, entry: { mirror: KeyMirror; keys: StateKeys }) => {
    // Failures that left the window while Redis was away need not reach it (a long outage).
    const cutoff = now() - windowMs;
    entry.mirror.unsynced = entry.mirror.unsynced.filter((failure) => failure.at > cutoff);
    const { unsynced, stale } = entry.mirror;
    const args = [String(now()), String(windowMs), channel, keyId, origin, String(unsynced.length)];
    for (const failure of unsynced) args.push(failure.id, String(failure.at));
    args.push(...stale);
    const reply = await timed(SNAPSHOT, entry.keys, args, parseSnapshot);
    entry.mirror.unsynced = entry.mirror.unsynced.slice(unsynced.length);
    entry.mirror.stale = entry.mirror.stale.slice(stale.length);
    entry.mirror.mergeFailures(reply.failures);
    for (const [model, until] of reply.cooldowns) entry.mirror.setCooldown(model, until);
    entry.mirror.lock(reply.lockedUntil);
  };

  /** Loads every known key from Redis; on success Redis is trusted again. */
  const resyncAll = async () => {
    try {
      for (const [keyId, entry] of mirrors) await snapshot(keyId, entry);
      link.synced();
      for (const resolve of readyWaiters) resolve(true);
      readyWaiters.clear();
    } catch {
      // `link.run` marked the trouble; the next ready event or the end of a slow spell retries.
    }
  };
  const resync = () => {
    if (closed || !link.connected) return Promise.resolve();
    if (resyncing === undefined) {
      // Cleared only after it is assigned: with no key known yet, resyncAll finishes at once.
      const running = resyncAll();
      resyncing = running;
      void running.then(() => {
        if (resyncing === running) resyncing = undefined;
      });
    }
    return resyncing;
  };

  const onEvent = (message: string) => {
    const event = parseEvent(message);
    const entry = event && mirrors.get(event.keyId);
    if (!event || !entry) return;
    const hadFailures = entry.mirror.failuresAt(now()) > 0;
    for (const failure of event.failures) entry.mirror.addFailure(failure);
    if (!hadFailures && event.failures.length > 0) adoptInflight(entry.mirror, entry.keys);
    if (event.cooldown) entry.mirror.setCooldown(event.cooldown.model, event.cooldown.until);
    if (event.lockedUntil) entry.mirror.lock(event.lockedUntil);
  };
  const onError = (error: unknown) => {
    if (closed) return;
    link.trouble(error);
    // node-redis gave up on a connection it opened for us (no reconnectStrategy): we retry.
    if (owned && (!connection.isOpen || !subscriber.isOpen)) restart();
  };
  const onReady = () => void resync();
  for (const client of [connection, subscriber]) {
    client.on("error", onError);
    client.on("ready", onReady);
  }

  /** Opens what is not open, subscribes once, resyncs; on failure, `restart` tries again. */
  const start = async () => {
    try {
      if (!connection.isOpen) await connection.connect();
      // close() may have come while connecting: open nothing more.
      if (closed) return;
      if (!subscriber.isOpen) await subscriber.connect();
      if (closed) return;
      // Once only: node-redis subscribes again by itself on every new connection.
      if (!link.subscribed) await subscriber.subscribe(channel, onEvent);
      link.subscribed = true;
      retries = 0;
      await resync();
    } catch (error) {
      if (closed) return;
      link.trouble(error);
      // A `client` you pass reconnects by its own strategy, and `ready` events resync then.
      if (owned) restart();
    }
  };
  let retries = 0;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    if (closed || restartTimer !== undefined) return;
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      starting = start();
    }, reconnectDelay(retries++));
    restartTimer.unref();
  };
  // Not awaited: requests go on in-process until it succeeds.
  let starting = start();

  const entryFor = (keyId: string) => {
    let entry = mirrors.get(keyId);
    if (entry === undefined) {
      entry = { mirror: new KeyMirror(settings), keys: stateKeys(settings.keyPrefix, keyId) };
      mirrors.set(keyId, entry);
      if (link.usable) {
        const loading = snapshot(keyId, entry).catch(() => undefined);
        entry.mirror.loading = loading.finally(() => {
          if (entry) entry.mirror.loading = undefined;
        });
      }
    }
    return entry;
  };

  const take = (
    request: CoordinatedTry,
    mirror: KeyMirror,
    keys: StateKeys,
    member?: string,
  ): undefined => {
    const slot: Slot = { member };
    held.set(request, { mirror, keys, slot });
    mirror.slots.add(slot);
    return undefined;
  };

  const settle = (
    verdict: Verdict,
    request: CoordinatedTry,
    mirror: KeyMirror,
    keys: StateKeys,
    member?: string,
  ): CoordinatorDecision => {
    if (verdict.kind === "refuse") return verdict.error;
    if (verdict.kind === "wait") return verdict.ms;
    return take(request, mirror, keys, member);
  };

  const newMember = () => `${origin}:${++sequence}`;

  /**
   * Failures just appeared: the tries this process already has in flight were sent without a
   * slot, and may all fail. Count them in Redis now, so other processes leave room for them.
   */
  const adoptInflight = (mirror: KeyMirror, keys: StateKeys) => {
    if (!link.usable) return;
    const adopted = mirror.adopt(newMember);
    if (adopted.length === 0) return;
    const args = [now(), windowMs, settings.maxFailures, settings.leaseMs, "", ""].map(String);
    track(link.run(RESERVE, keysOf(keys), [...args, ...adopted]));
  };

  /** The budget while Redis is away: in-process, with this process's tries in flight counted. */
  const decideLocally = (
    request: CoordinatedTry,
    mirror: KeyMirror,
    keys: StateKeys,
    member?: string,
  ) => {
    const at = now();
    const verdict = mirror.judge(modelField(request.model), at);
    const final = verdict.kind === "budget" ? mirror.judgeLocally(at) : verdict;
    return settle(final, request, mirror, keys, member);
  };

  const reserve = async (
    request: CoordinatedTry,
    mirror: KeyMirror,
    keys: StateKeys,
  ): Promise<CoordinatorDecision> => {
    const member = newMember();
    const model = modelField(request.model);
    let reply: ReturnType<typeof parseReservation>;
    try {
      const at = now();
      const args = [at, windowMs, settings.maxFailures, settings.leaseMs, model, member];
      const adopted = mirror.adopt(newMember);
      reply = await timed(RESERVE, keys, [...args.map(String), ...adopted], parseReservation);
    } catch {
      // The script may still run (a slow Redis answers after the timeout): the try keeps the
      // member, so that its report frees the slot, or the next snapshot does.
      const decision = decideLocally(request, mirror, keys, member);
      if (decision !== undefined) mirror.stale.push(member);
      return decision;
    }
    mirror.mergeFailures(reply.failures);
    mirror.lock(reply.lockedUntil);
    mirror.setCooldown(model, reply.cooldownUntil);
    const at = now();
    switch (reply.status) {
      case "reserved":
        return take(request, mirror, keys, member);
      case "full":
        return settle(mirror.refuseBudget(at), request, mirror, keys);
      case "go":
        return take(request, mirror, keys);
      default: {
        const verdict = mirror.judge(model, at);
        // Blocked by a cooldown that ended between Redis's clock read and ours: ask again.
        return verdict.kind === "go" || verdict.kind === "budget"
          ? 0
          : settle(verdict, request, mirror, keys);
      }
    }
  };

  const decide = (request: CoordinatedTry): CoordinatorDecision | Promise<CoordinatorDecision> => {
    const { mirror, keys } = entryFor(request.keyId);
    if (mirror.loading) return mirror.loading.then(() => decide(request));
    if (!link.usable) {
      if (link.resyncDue) void resync();
      return decideLocally(request, mirror, keys);
    }
    const verdict = mirror.judge(modelField(request.model), now());
    if (verdict.kind !== "budget") return settle(verdict, request, mirror, keys);
    return reserve(request, mirror, keys);
  };

  return {
    acquire(request) {
      if (closed) return undefined;
      return decide(request);
    },

    release(request, outcome: CoordinatedOutcome) {
      const entry = held.get(request);
      if (entry === undefined) return;
      held.delete(request);
      const { mirror, keys, slot } = entry;
      mirror.slots.delete(slot);
      const member = slot.member;
      const at = now();
      const effect = readOutcome(outcome, at);
      if (effect === undefined && member === undefined) return;
      const model = modelField(request.model);
      let failure: Failure | undefined;
      let first = false;
      if (effect?.failed) {
        first = mirror.failuresAt(at) === 0;
        failure = { id: newMember(), at };
        mirror.addFailure(failure);
      }
      if (effect && effect.cooldownUntil > at) mirror.setCooldown(model, effect.cooldownUntil);
      if (effect && effect.lockedUntil > at) mirror.lock(effect.lockedUntil);
      if (closed || !link.usable) {
        if (failure) mirror.unsynced.push(failure);
        if (member !== undefined) mirror.stale.push(member);
        return;
      }
      const args = [
        String(at),
        String(windowMs),
        member ?? "",
        failure?.id ?? "",
        model,
        String(effect?.cooldownUntil ?? 0),
        String(effect?.lockedUntil ?? 0),
        channel,
        request.keyId,
        origin,
      ];
      track(
        link.run(SETTLE, keysOf(keys), args).catch(() => {
          if (failure) mirror.unsynced.push(failure);
          if (member !== undefined) mirror.stale.push(member);
        }),
      );
      if (first) adoptInflight(mirror, keys);
    },

    ready(timeoutMs = 2000) {
      if (link.usable) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          readyWaiters.delete(done);
          resolve(false);
        }, timeoutMs);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        };
        readyWaiters.add(done);
      });
    },

    get mode() {
      return link.mode;
    },

    get commands() {
      return link.commands;
    },

    inspect(keyId) {
      const mirror = mirrors.get(keyId)?.mirror;
      const at = now();
      if (mirror === undefined) return { failures: 0, inflight: 0, cooldowns: {}, lockedUntil: 0 };
      const cooldowns: Record<string, number> = {};
      for (const [model, until] of mirror.cooldowns) if (until > at) cooldowns[model] = until;
      return {
        failures: mirror.failuresAt(at),
        inflight: mirror.inflight,
        cooldowns,
        lockedUntil: mirror.lockedUntil > at ? mirror.lockedUntil : 0,
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(restartTimer);
      for (const resolve of readyWaiters) resolve(false);
      readyWaiters.clear();
      await Promise.allSettled(pending);
      for (const client of [connection, subscriber]) {
        client.off("error", onError);
        client.off("ready", onReady);
      }
      // Keep a listener on the ones we close: a late socket error must not become a crash.
      subscriber.on("error", ignore);
      if (owned) connection.on("error", ignore);
      // A connection being opened must finish first: node-redis cannot close one that is halfway
      // (it would open after close() and stay open). One attempt: connectTimeout bounds it.
      await Promise.race([starting, delay(CONNECT_TIMEOUT_MS)]);
      const bound = Math.max(settings.timeoutMs, 100);
      await shutDown(subscriber, bound);
      if (owned) await shutDown(connection, bound);
    },
  };
}

function keysOf(keys: StateKeys): string[] {
  return [keys.failures, keys.inflight, keys.cooldowns, keys.lockout];
}

function ignore() {}

/** Resolves after `ms`, without keeping the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Closes a connection, letting replies in flight arrive for up to `ms`: a frozen Redis (SIGSTOP)
 * never answers, and close() must not wait for it.
 */
async function shutDown(client: RedisConnection, ms: number): Promise<void> {
  try {
    if (client.isReady) {
      const closing = client.close().then(
        () => true,
        () => false,
      );
      if (await Promise.race([closing, delay(ms).then(() => false)])) return;
    }
    if (client.isOpen) client.destroy();
  } catch {
    // Already closed.
  }
}
