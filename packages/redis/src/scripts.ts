import { createHash } from "node:crypto";
import type { RedisConnection } from "./connection.js";

/** A Lua script sent by its SHA1 (EVALSHA), with its source as the NOSCRIPT fallback. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function lua(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

// Every script takes KEYS = failures, inflight, cooldowns, lockout (one key's state, see keys.ts)
// and ARGV[1] = the caller's clock. Windows and leases are judged by Redis's own TIME, so that a
// process whose clock is off by minutes neither stalls nor frees the others; replies carry that
// time (`t`) so each process learns its offset and keeps its mirror in Redis's time.

const REDIS_NOW = `
local function redis_now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
`;

/**
 * First line of every script: a write that changes nothing (ZADD XX of a member that is never
 * there), so that a Redis out of memory (maxmemory, noeviction) refuses the script with OOM before
 * it changes anything. Without it, Redis lets a script that has already written go on writing,
 * and a full Redis would refuse some scripts halfway and accept others.
 */
const WRITABLE = `
redis.call('ZADD', KEYS[2], 'XX', 0, '')
`;

const READ_FAILURES = `
local function read_failures(key)
  local raw = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  local out = {}
  for i = 1, #raw, 2 do out[#out + 1] = { raw[i], tonumber(raw[i + 1]) } end
  return out
end
`;

/**
 * Asks for a try while failures are in the window. ARGV: now, windowMs, maxFailures, leaseMs,
 * model, member ('' to only adopt), then members for tries already in flight that hold no slot
 * yet (they were sent before failures were known). Those are always added, since they are on the
 * wire; the new try gets a slot unless failures + slots reach maxFailures, so that no number of
 * processes can overshoot. Returns JSON `{s, l, c, f, i, t}`: status (go | reserved | full |
 * blocked | adopted), lock-out end, the model's cooldown end, the failures `[[id, at]]`, the slots
 * held, Redis's time.
 */
export const RESERVE = lua(`${WRITABLE}${REDIS_NOW}${READ_FAILURES}
local now = redis_now()
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for i = 7, #ARGV do redis.call('ZADD', KEYS[2], now + lease, ARGV[i]) end
if #ARGV >= 7 then redis.call('PEXPIRE', KEYS[2], lease) end
local lock = tonumber(redis.call('GET', KEYS[4]) or '0')
local cool = tonumber(redis.call('HGET', KEYS[3], ARGV[5]) or '0')
local failures = read_failures(KEYS[1])
local inflight = redis.call('ZCARD', KEYS[2])
local status
if ARGV[6] == '' then
  status = 'adopted'
elseif lock > now or cool > now then
  status = 'blocked'
elseif #failures == 0 then
  status = 'go'
elseif #failures + inflight >= tonumber(ARGV[3]) then
  status = 'full'
else
  redis.call('ZADD', KEYS[2], now + lease, ARGV[6])
  redis.call('PEXPIRE', KEYS[2], lease)
  inflight = inflight + 1
  status = 'reserved'
end
return cjson.encode({ s = status, l = lock, c = cool, f = failures, i = inflight, t = now })
`);

/**
 * Reports a try's answer. ARGV: now, windowMs, member ('' when none was reserved), failure id
 * ('' when the answer was no failure), model, cooldown end (0: none), lock-out end (0: none),
 * channel, keyId, origin. Frees the slot, records the failure, extends cooldown and lock-out,
 * and announces what changed on the channel. Returns the failures in the window.
 */
export const SETTLE = lua(`${WRITABLE}${REDIS_NOW}
local now = redis_now()
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[2], ARGV[3]) end
local event = { k = ARGV[9], o = ARGV[10] }
local changed = false
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  event.f = { { ARGV[4], now } }
  changed = true
end
local cool = tonumber(ARGV[6])
if cool > now then
  local current = tonumber(redis.call('HGET', KEYS[3], ARGV[5]) or '0')
  if cool > current then
    redis.call('HSET', KEYS[3], ARGV[5], ARGV[6])
    if redis.call('PTTL', KEYS[3]) < cool - now then redis.call('PEXPIRE', KEYS[3], cool - now) end
    event.m = ARGV[5]
    event.c = cool
    changed = true
  end
end
local lock = tonumber(ARGV[7])
if lock > now then
  local current = tonumber(redis.call('GET', KEYS[4]) or '0')
  if lock > current then
    redis.call('SET', KEYS[4], ARGV[7], 'PX', lock - now)
    event.l = lock
    changed = true
  end
end
if changed then redis.call('PUBLISH', ARGV[8], cjson.encode(event)) end
return redis.call('ZCARD', KEYS[1])
`);

/**
 * Reads one key's whole state, after adding failures a process saw while Redis was away and
 * freeing budget slots it may have left behind (reservations whose answer came too late).
 * ARGV: now, windowMs, channel, keyId, origin, n, then n pairs of failure id and time, then slot
 * members to free. It also proves that the other scripts can run (memory for writes, not a
 * read-only replica, and where Redis has ACLs, PUBLISH on the channel), so that a Redis that
 * refuses them fails here instead of right after "Redis is back".
 * Returns JSON `{f, c, l, t}`: failures `[[id, at]]`, cooldowns `[[model, until]]`, lock-out end,
 * Redis's time.
 */
export const SNAPSHOT = lua(`${WRITABLE}${REDIS_NOW}${READ_FAILURES}
if redis.acl_check_cmd and not redis.acl_check_cmd('PUBLISH', ARGV[3], '') then
  return redis.error_reply('NOPERM this user may not PUBLISH on ' .. ARGV[3])
end
local now = redis_now()
local cutoff = now - tonumber(ARGV[2])
local merged = {}
local last = 6 + 2 * tonumber(ARGV[6])
for i = 7, last, 2 do
  local at = tonumber(ARGV[i + 1])
  if at > cutoff then
    redis.call('ZADD', KEYS[1], at, ARGV[i])
    merged[#merged + 1] = { ARGV[i], at }
  end
end
for i = last + 1, #ARGV do redis.call('ZREM', KEYS[2], ARGV[i]) end
if #merged > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('PUBLISH', ARGV[3], cjson.encode({ k = ARGV[4], o = ARGV[5], f = merged }))
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
local cooldowns = {}
local raw = redis.call('HGETALL', KEYS[3])
for i = 1, #raw, 2 do
  local until_ = tonumber(raw[i + 1])
  if until_ > now then cooldowns[#cooldowns + 1] = { raw[i], until_ } end
end
local lock = tonumber(redis.call('GET', KEYS[4]) or '0')
return cjson.encode({ f = read_failures(KEYS[1]), c = cooldowns, l = lock, t = now })
`);

/** Raised when Redis does not answer in time: the caller goes on without it. */
export class RedisTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * Rejects after `ms`. node-redis's own `timeout` command option only covers the time a command
 * waits to be written, not the wait for the answer, so a slow server needs this race.
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // The check comes one event-loop turn after the timer: when the loop was blocked (a busy
    // process), an answer that is already in the socket is read first, and is not a timeout.
    const timer = setTimeout(
      () =>
        setImmediate(() => reject(new RedisTimeoutError(`Redis did not answer within ${ms} ms`))),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Runs a script by SHA1 and sends its source only when this Redis does not have it yet
 * (NOSCRIPT: first use, or after a restart), as node-redis `defineScript` does.
 */
export async function runScript(
  connection: RedisConnection,
  script: LuaScript,
  keys: readonly string[],
  args: readonly string[],
  timeoutMs: number,
): Promise<unknown> {
  const tail = [String(keys.length), ...keys, ...args];
  const send = (command: string[]) =>
    withTimeout(connection.sendCommand(command, { timeout: timeoutMs }), timeoutMs);
  try {
    return await send(["EVALSHA", script.sha, ...tail]);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return send(["EVAL", script.source, ...tail]);
  }
}
