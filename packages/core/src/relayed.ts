import { isVeniceErrorCode } from "./catalog.js";
import { isRecord } from "./classify.js";
import { httpStatus } from "./numbers.js";
import { redactValue } from "./redact.js";
import { relayStatus } from "./relay-status.js";
import type { VeniceErrorInit } from "./venice-error.js";

// Small type guards, not zod: this runs on every classified body and must not grow toVeniceError.

type Json = Record<string, unknown>;

/**
 * The type each optional field of a relayed error must have; a field that fails is dropped.
 * A `typeof` name (numbers must also be finite and >= 0); records of r: strings and finite
 * numbers, N: finite numbers, R: strings, f: string lists (field errors); a: attempts (records
 * with a known code and status); l: a list, x: any JSON (both with credentials removed);
 * m: a match source.
 */
const FIELDS = {
  message: "string",
  serverCode: "string",
  retryAfterMs: "number",
  requestId: "string",
  creditsRefunded: "boolean",
  recommendedModel: "string",
  suggestedPrompt: "string",
  fieldErrors: "f",
  issues: "l",
  rateLimit: "r",
  balance: "N",
  deprecation: "R",
  attempts: "a",
  headers: "R",
  matchedBy: "m",
  body: "x",
} as const satisfies Partial<Record<keyof VeniceErrorInit, string>>;

const MATCH_SOURCES = ["code-field", "message", "status", "client"];

/** A well-formed HTTP status, or 0 (no HTTP answer). */
function isStatus(value: unknown): value is number {
  return value === 0 || httpStatus(value) !== undefined;
}

/** Keeps the entries of a record that `keep` accepts (as own properties: `__proto__` stays a key). */
function entries(value: unknown, keep: (item: unknown) => unknown): Json | undefined {
  if (!isRecord(value)) return undefined;
  const kept = Object.entries(value)
    .map(([key, item]) => [key, keep(item)] as const)
    .filter(([, item]) => item !== undefined);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/** The items of a list that pass `keep`, or `undefined` when none does. */
function list(value: unknown, keep: (item: unknown) => boolean): unknown[] | undefined {
  const kept = Array.isArray(value) ? value.filter(keep) : [];
  return kept.length ? kept : undefined;
}

function check(kind: string, value: unknown): unknown {
  if (kind === "m") return MATCH_SOURCES.includes(value as string) ? value : undefined;
  if (kind === "r" || kind === "N" || kind === "R") {
    return entries(value, (item) =>
      (kind !== "N" && typeof item === "string") || (kind !== "R" && Number.isFinite(item))
        ? item
        : undefined,
    );
  }
  if (kind === "f") return entries(value, (item) => list(item, (text) => typeof text === "string"));
  if (kind === "a") {
    return list(
      value,
      (item) =>
        isRecord(item) &&
        isVeniceErrorCode(item.code) &&
        isStatus(item.status) &&
        Number.isFinite(item.attempt) &&
        Number.isFinite(item.waitedMs),
    );
  }
  if (kind === "x" || (kind === "l" && Array.isArray(value))) {
    return value === undefined ? undefined : redactValue(value);
  }
  if (kind === "l") return undefined;
  // Strings must say something; numbers (the wait) must be finite and not negative.
  return typeof value === kind &&
    value !== "" &&
    (kind !== "number" || ((value as number) >= 0 && value !== Infinity))
    ? value
    : undefined;
}

/**
 * Reads a relayed `VeniceError` (`toJSON()` output sent by the app's own server, alone or as a
 * body's `error`) into constructor input, or `undefined` when the body is not a well-formed
 * relay. Each field must have its type or it is dropped. Given the HTTP status of a real answer,
 * the relay is accepted only when that status is the one its sender would have answered with
 * (`relayStatus`): a 402 whose body claims a relayed 503 is a 402. `retryable` is honoured only
 * when it is `false`: a body can make an error less retryable, never more.
 */
export function readRelayed(
  body: unknown,
  status: number | undefined,
): VeniceErrorInit | undefined {
  const json = isRecord(body) && isRecord(body.error) ? body.error : body;
  if (!isRecord(json) || json.name !== "VeniceError") return undefined;
  const { code, status: relayed } = json;
  if (!isVeniceErrorCode(code) || !isStatus(relayed)) return undefined;
  if (status !== undefined && relayStatus(relayed, code) !== status) return undefined;
  // Only a status the HTTP answer cannot carry (0: no answer, 200: in-stream) outlives the relay.
  const kept = status === undefined || relayed === 0 || relayed === 200 ? relayed : status;
  const init: Json = { code, status: kept };
  for (const [key, kind] of Object.entries(FIELDS)) {
    const value = check(kind, json[key]);
    if (value !== undefined) init[key] = value;
  }
  if (json.retryable === false) init.retryable = false;
  return init as unknown as VeniceErrorInit;
}
