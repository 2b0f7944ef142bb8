import type { Failure } from "./mirror.js";

/** What RESERVE answered. */
export interface Reservation {
  readonly status: "go" | "reserved" | "full" | "blocked" | "adopted";
  readonly lockedUntil: number;
  readonly cooldownUntil: number;
  readonly failures: Failure[];
  /** Redis's clock when it answered (epoch ms); 0 when unknown. */
  readonly time: number;
}

/** What SNAPSHOT answered. */
export interface Snapshot {
  readonly failures: Failure[];
  readonly cooldowns: Array<readonly [model: string, until: number]>;
  readonly lockedUntil: number;
  /** Redis's clock when it answered (epoch ms); 0 when unknown. */
  readonly time: number;
}

/** A change another process announced on the channel. */
export interface StateEvent {
  readonly keyId: string;
  readonly failures: Failure[];
  readonly cooldown: { readonly model: string; readonly until: number } | undefined;
  readonly lockedUntil: number;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  if (typeof value !== "string") throw new TypeError("a script answered with no JSON text");
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== "object" || parsed === null)
    throw new TypeError("a script answered with no object");
  return parsed as Json;
}

function number(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Lua's cjson writes an empty table as `{}`: read anything that is not a list as empty. */
function pairs(value: unknown): Array<[string, number]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[string, number]> = [];
  for (const pair of value) {
    if (Array.isArray(pair) && typeof pair[0] === "string") out.push([pair[0], number(pair[1])]);
  }
  return out;
}

function failures(value: unknown): Failure[] {
  return pairs(value).map(([id, at]) => ({ id, at }));
}

const STATUSES = new Set(["go", "reserved", "full", "blocked", "adopted"]);

export function parseReservation(reply: unknown): Reservation {
  const json = object(reply);
  const status = STATUSES.has(json.s as string) ? (json.s as Reservation["status"]) : "blocked";
  return {
    status,
    lockedUntil: number(json.l),
    cooldownUntil: number(json.c),
    failures: failures(json.f),
    time: number(json.t),
  };
}

export function parseSnapshot(reply: unknown): Snapshot {
  const json = object(reply);
  return {
    failures: failures(json.f),
    cooldowns: pairs(json.c),
    lockedUntil: number(json.l),
    time: number(json.t),
  };
}

/** `undefined` for a message that is not ours (another app on the same channel name). */
export function parseEvent(message: string): StateEvent | undefined {
  try {
    const json = object(message);
    if (typeof json.k !== "string") return undefined;
    const cooldown =
      typeof json.m === "string" && number(json.c) > 0
        ? { model: json.m, until: number(json.c) }
        : undefined;
    return { keyId: json.k, failures: failures(json.f), cooldown, lockedUntil: number(json.l) };
  } catch {
    return undefined;
  }
}
