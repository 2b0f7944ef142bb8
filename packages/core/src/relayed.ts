import { isVeniceErrorCode } from "./catalog.js";
import { isRecord, type VeniceMatchSource } from "./classify.js";
import type { VeniceFieldErrors } from "./field-errors.js";
import type { VeniceRateLimit } from "./rate-limit.js";
import { redactValue } from "./redact.js";
import { relayStatus } from "./relay-status.js";
import type {
  VeniceAttempt,
  VeniceBalance,
  VeniceDeprecation,
  VeniceErrorInit,
} from "./venice-error.js";

// Type guards, not zod: this runs on every classified body, and zod would grow toVeniceError.

type Json = Record<string, unknown>;
type Guard<T> = (value: unknown) => T | undefined;

const MATCH_SOURCES: readonly VeniceMatchSource[] = ["code-field", "message", "status", "client"];
/** Longest text kept from a relayed string field: a relay is not a place for megabytes. */
const MAX_TEXT = 10_000;

const text: Guard<string> = (value) =>
  typeof value === "string" && value !== "" ? value.slice(0, MAX_TEXT) : undefined;
const finite: Guard<number> = (value) =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const wait: Guard<number> = (value) => {
  const ms = finite(value);
  return ms !== undefined && ms >= 0 ? Math.round(ms) : undefined;
};
const bool: Guard<boolean> = (value) => (typeof value === "boolean" ? value : undefined);

/** A well-formed HTTP status, or 0 (no HTTP answer). */
function httpStatus(value: unknown): number | undefined {
  return Number.isInteger(value) &&
    ((value as number) === 0 || (value as number) >= 100) &&
    (value as number) <= 599
    ? (value as number)
    : undefined;
}

/** Keeps the entries of a record whose values pass `guard`; `undefined` when none does. */
function recordOf<T>(guard: Guard<T>): Guard<Record<string, T>> {
  return (value) => {
    if (!isRecord(value)) return undefined;
    const kept: Array<[string, T]> = [];
    for (const key of Object.keys(value).slice(0, 1000)) {
      const item = guard(value[key]);
      if (item !== undefined) kept.push([key, item]);
    }
    // Object.fromEntries defines own properties: a "__proto__" key cannot reach the prototype.
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
}

const fieldErrors: Guard<VeniceFieldErrors> = recordOf((value) => {
  if (!Array.isArray(value)) return undefined;
  const messages = value.slice(0, 100).filter((item): item is string => typeof item === "string");
  return messages.length > 0 ? messages.map((item) => item.slice(0, MAX_TEXT)) : undefined;
});

const rateLimit: Guard<VeniceRateLimit> = (value) => {
  if (!isRecord(value)) return undefined;
  const { type, ...numbers } = value;
  const kept: VeniceRateLimit = { ...recordOf(finite)(numbers) };
  if (typeof type === "string") kept.type = type.slice(0, MAX_TEXT);
  return Object.keys(kept).length > 0 ? kept : undefined;
};

const balance: Guard<VeniceBalance> = (value) => {
  if (!isRecord(value)) return undefined;
  const kept: VeniceBalance = {};
  const usd = finite(value.usd);
  const diem = finite(value.diem);
  if (usd !== undefined) kept.usd = usd;
  if (diem !== undefined) kept.diem = diem;
  return Object.keys(kept).length > 0 ? kept : undefined;
};

const DEPRECATION_KEYS = ["warning", "date", "replacement", "sunset", "link"] as const;
const deprecation: Guard<VeniceDeprecation> = (value) => {
  if (!isRecord(value)) return undefined;
  const kept: VeniceDeprecation = {};
  for (const key of DEPRECATION_KEYS) {
    const item = text(value[key]);
    if (item !== undefined) kept[key] = item;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
};

const attempt: Guard<VeniceAttempt> = (value) => {
  if (!isRecord(value)) return undefined;
  const number = finite(value.attempt);
  const status = httpStatus(value.status);
  const waitedMs = wait(value.waitedMs);
  if (number === undefined || status === undefined || waitedMs === undefined) return undefined;
  if (!isVeniceErrorCode(value.code)) return undefined;
  const kept: VeniceAttempt = { attempt: number, status, code: value.code, waitedMs };
  const requestId = text(value.requestId);
  if (requestId !== undefined) kept.requestId = requestId;
  return kept;
};

const attempts: Guard<VeniceAttempt[]> = (value) => {
  if (!Array.isArray(value)) return undefined;
  const kept = value.slice(0, 100).flatMap((item) => attempt(item) ?? []);
  return kept.length > 0 ? kept : undefined;
};

/** The optional fields of a relayed error and the guard each must pass; others are dropped. */
const FIELDS = {
  message: text,
  serverCode: text,
  retryAfterMs: wait,
  requestId: text,
  creditsRefunded: bool,
  recommendedModel: text,
  suggestedPrompt: text,
  fieldErrors,
  issues: (value) => (Array.isArray(value) ? (redactValue(value) as unknown[]) : undefined),
  rateLimit,
  balance,
  deprecation,
  attempts,
  headers: recordOf(text),
  matchedBy: (value) => MATCH_SOURCES.find((source) => source === value),
  // The original body, minus credential-named keys and with credentials in strings redacted.
  body: (value) => (value === undefined ? undefined : redactValue(value)),
} satisfies Partial<Record<keyof VeniceErrorInit, Guard<unknown>>>;

/** The serialized error in a body: the body itself (`toJSON()`) or its `error` field. */
function serialized(body: unknown): Json | undefined {
  const candidate = isRecord(body) && isRecord(body.error) ? body.error : body;
  return isRecord(candidate) && candidate.name === "VeniceError" ? candidate : undefined;
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
  const json = serialized(body);
  if (!json || !isVeniceErrorCode(json.code)) return undefined;
  const relayedStatus = httpStatus(json.status);
  if (relayedStatus === undefined) return undefined;
  if (status !== undefined && relayStatus(relayedStatus, json.code) !== status) return undefined;
  const init: VeniceErrorInit & Json = { code: json.code, status: relayedStatus };
  for (const [key, guard] of Object.entries(FIELDS) as Array<[string, Guard<unknown>]>) {
    let value: unknown;
    try {
      value = guard(json[key]);
    } catch {
      value = undefined; // A throwing getter on an in-memory object: drop the field.
    }
    if (value !== undefined) init[key] = value;
  }
  if (json.retryable === false) init.retryable = false;
  return init;
}
