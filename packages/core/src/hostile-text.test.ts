/**
 * Regression tests for issue 11 #2: no pattern that reads server text may backtrack. Every regex
 * of core that sees a message, a body, a header or an error text is run against 100 KB strings
 * built from its own literals (the shape that makes `a.*b` quadratic), and whole classifications
 * of 100 KB messages must stay fast.
 */
import { describe, expect, it } from "vitest";
import { KEYWORD_RULES, TEXT_CAP, UPPER_SNAKE } from "./classify.js";
import { DID_YOU_MEAN, PLEASE_WAIT, REQUEST_ID } from "./details.js";
import { SECRET_NAME } from "./headers.js";
import { CREDENTIAL_PATTERNS, MAYBE_CREDENTIAL, redactText, redactValue } from "./redact.js";
import {
  CONNECTION_CODES,
  NETWORK_MESSAGE,
  TIMEOUT_CODES,
  toVeniceError,
} from "./to-venice-error.js";
import { PUBLIC_HEADER } from "./venice-error.js";

const SIZE = 100_000;
/** Per regex run on 100 KB; a quadratic pattern takes seconds here, a linear one a few ms. */
const REGEX_BUDGET_MS = 100;
/** A whole classification of a 100 KB message, with every detail read and `toJSON()` serialised. */
const CLASSIFY_BUDGET_MS = 50;

const fill = (unit: string, size = SIZE) =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** The literal words of a pattern: what an attacker repeats to make it backtrack. */
function literals(pattern: RegExp): string[] {
  const words = pattern.source
    .replace(/\\[bBsSdDwW]/g, " ")
    .split(/[\\^$.*+?()[\]{}|]+/)
    .map((word) => word.trim())
    .filter((word) => word.length >= 2);
  return [...new Set(words)];
}

/** 100 KB strings that stress `pattern`: its words repeated, alone or followed by long runs. */
function attacks(pattern: RegExp): string[] {
  const words = literals(pattern);
  const generic = [
    fill("a"),
    fill(" "),
    fill("\t"),
    fill("0"),
    fill("A_"),
    fill("-"),
    fill("="),
    fill("?a"),
    fill("&a=b"),
    fill('Headers.append: "'),
    `did you mean: ${fill(" ")}x!`,
    `Bearer ${fill(" ")}`,
    `api_key${fill(" ")}`,
    `?${fill("a-")}`,
    fill(words.join(" ") || "x"),
  ];
  const perWord = words.flatMap((word) => [
    fill(word),
    fill(`${word} `),
    fill(`${word}: '`),
    `${word}${fill(" ")}!`,
    `${word}${fill("a")}`,
    `${word}:${fill("1")}`,
  ]);
  return [...generic, ...perWord];
}

/** Runs a pattern the way core does: `replace` for global ones (every match), `exec` otherwise. */
function run(pattern: RegExp, text: string) {
  pattern.lastIndex = 0;
  if (pattern.global) text.replace(pattern, "");
  else pattern.exec(text);
}

/** Best of `runs`, after a warm-up: V8 interprets a regex on first use and compiles it after. */
function time(work: () => void, runs = 2): number {
  work();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function slowest(pattern: RegExp): { ms: number; sample: string } {
  let worst = { ms: 0, sample: "" };
  for (const text of attacks(pattern)) {
    const ms = time(() => run(pattern, text));
    if (ms > worst.ms) worst = { ms, sample: text.slice(0, 40) };
  }
  return worst;
}

const PATTERNS: Array<[string, RegExp]> = [
  ...KEYWORD_RULES.flatMap(([, pattern, code]) =>
    (Array.isArray(pattern) ? pattern : [pattern]).map((part): [string, RegExp] => [
      `keyword rule ${code}`,
      part,
    ]),
  ),
  ["UPPER_SNAKE", UPPER_SNAKE],
  ["PLEASE_WAIT", PLEASE_WAIT],
  ["REQUEST_ID", REQUEST_ID],
  ["DID_YOU_MEAN", DID_YOU_MEAN],
  ["SECRET_NAME", SECRET_NAME],
  ...CREDENTIAL_PATTERNS.map(([pattern], i): [string, RegExp] => [
    `CREDENTIAL_PATTERNS[${i}]`,
    pattern,
  ]),
  ["MAYBE_CREDENTIAL", MAYBE_CREDENTIAL],
  ["CONNECTION_CODES", CONNECTION_CODES],
  ["TIMEOUT_CODES", TIMEOUT_CODES],
  ["NETWORK_MESSAGE", NETWORK_MESSAGE],
  ["PUBLIC_HEADER", PUBLIC_HEADER],
];

describe("patterns on 100 KB hostile text", () => {
  it("no keyword rule holds `.*` (two parts are two patterns)", () => {
    for (const [, pattern] of PATTERNS) expect(pattern.source).not.toMatch(/\.\*|\.\+/);
  });

  it.each(PATTERNS)("%s (%s) is linear", (_name, pattern) => {
    const { ms, sample } = slowest(pattern);
    expect({ ms: ms < REGEX_BUDGET_MS ? "fast" : ms, sample }).toMatchObject({ ms: "fast" });
  });
});

/** Messages that made the old `a.*b` keyword rules take seconds, with the status that reaches them. */
const HOSTILE_MESSAGES: Array<[status: number, unit: string]> = [
  [402, "spend limit "],
  [402, "spending limit "],
  [403, "api access "],
  [422, "duration "],
  [401, "inactive "],
  [400, "content "],
  [429, "please wait 1"],
  [500, "request id: "],
  [404, "did you mean: a"],
  [400, "Bearer "],
  [400, "api_key: '"],
  [400, "?key="],
  [500, 'Headers.append: "'],
];

describe("classifying 100 KB messages", () => {
  it.each(HOSTILE_MESSAGES)(
    `status %i, "%s" repeated: classified in < ${CLASSIFY_BUDGET_MS} ms`,
    (status, unit) => {
      const message = fill(unit);
      for (const body of [JSON.stringify({ error: message }), { error: { message } }, message]) {
        const ms = time(() => {
          const error = toVeniceError({ status, body });
          void [error.requestId, error.recommendedModel, error.retryAfterMs, error.fieldErrors];
          JSON.stringify(error.toJSON());
        }, 3);
        expect(ms).toBeLessThan(CLASSIFY_BUDGET_MS);
      }
    },
  );

  it("redacts a 100 KB text whole, fast", () => {
    const text = `${fill("api_key: '", SIZE / 2)} Bearer sk-vn-secret-tail`;
    let out = "";
    expect(time(() => (out = redactText(text)))).toBeLessThan(CLASSIFY_BUDGET_MS);
    expect(out).not.toContain("sk-vn-secret-tail");
  });

  it("still classifies by keywords within the cap, and ignores what lies beyond it", () => {
    const padding = fill("x", TEXT_CAP);
    expect(toVeniceError({ status: 402, body: { error: "USD spend limit reached" } }).code).toBe(
      "API_KEY_USD_SPEND_LIMIT_EXCEEDED",
    );
    expect(toVeniceError({ status: 402, body: { error: "Spend limit reached (DIEM)" } }).code).toBe(
      "API_KEY_DIEM_SPEND_LIMIT_EXCEEDED",
    );
    expect(toVeniceError({ status: 403, body: { error: "API access is disabled" } }).code).toBe(
      "API_ACCESS_DISABLED",
    );
    expect(
      toVeniceError({ status: 422, body: { error: "Video duration is too short" } }).code,
    ).toBe("VIDEO_DURATION_TOO_SHORT");
    expect(toVeniceError({ status: 402, body: { error: `${padding} USD spend limit` } }).code).toBe(
      "INSUFFICIENT_BALANCE",
    );
  });

  it("bounds a deep body copy instead of recursing without end", () => {
    const deep = Array.from({ length: 10_000 }).reduce<unknown>((inner) => ({ a: inner }), 1);
    expect(() => JSON.stringify(redactValue(deep))).not.toThrow();
  });
});
