import { createParser } from "eventsource-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SseEvent, SseEventTooLargeError, SseParser } from "./sse.js";

function parseAll(parts: string[]): { events: SseEvent[]; pending: boolean } {
  const parser = new SseParser();
  const events = parts.flatMap((part) => parser.push(part));
  return { events, pending: parser.pending };
}

const STREAM = [
  ": keep-alive comment",
  'data: {"a":1}',
  "",
  "event: response.failed",
  'data: {"type":"response.failed",',
  'data: "response":{}}',
  "",
  "id: 7",
  "retry: 100",
  "data:no-space",
  "",
  "data: [DONE]",
  "",
  "",
];
const EXPECTED: SseEvent[] = [
  { data: '{"a":1}' },
  { event: "response.failed", data: '{"type":"response.failed",\n"response":{}}' },
  { data: "no-space" },
  { data: "[DONE]" },
];

describe("SseParser", () => {
  it.each([
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
    ["\\r", "\r"],
  ])("parses events, multi-line data, comments and names with %s line ends", (_, eol) => {
    expect(parseAll([STREAM.join(eol)]).events).toEqual(EXPECTED);
  });

  it.each(["\n", "\r\n", "\r"])(
    "gives the same events wherever the text is split in two or three (eol %j)",
    (eol) => {
      const text = STREAM.join(eol);
      for (let i = 0; i <= text.length; i++) {
        expect(parseAll([text.slice(0, i), text.slice(i)]).events).toEqual(EXPECTED);
        const j = Math.min(text.length, i + 3);
        expect(parseAll([text.slice(0, i), text.slice(i, j), text.slice(j)]).events).toEqual(
          EXPECTED,
        );
      }
    },
  );

  it("gives the same events when fed one character at a time", () => {
    expect(parseAll([...STREAM.join("\r\n")]).events).toEqual(EXPECTED);
  });

  it("does not take a \\r at the end of one chunk and \\n at the start of the next for two line ends", () => {
    expect(parseAll(["data: x\r", "\n", "\r\n"]).events).toEqual([{ data: "x" }]);
    expect(parseAll(["data: x\r", "", "\n\r\n"]).events).toEqual([{ data: "x" }]);
  });

  it("reports a stream that stopped in the middle of an event", () => {
    expect(parseAll(['data: {"a":1}\n\ndata: {"b"']).pending).toBe(true);
    expect(parseAll(['data: {"a":1}\n']).pending).toBe(true);
    expect(parseAll(['data: {"a":1}\n\n']).pending).toBe(false);
  });

  it("ignores events without data and fields it does not know", () => {
    expect(parseAll(["event: ping\n\nfoo: bar\n\n: c\n\n"]).events).toEqual([]);
  });

  it("parses an 8 MB line fed in 64 KB chunks in linear time (each chunk scanned once)", () => {
    const chunk = "x".repeat(64 * 1024);
    const parser = new SseParser();
    const start = performance.now();
    parser.push("data: ");
    for (let sent = 0; sent < 8 * 1024 * 1024; sent += chunk.length) {
      expect(parser.push(chunk)).toEqual([]);
    }
    const events = parser.push("\n\n");
    const elapsed = performance.now() - start;
    expect(events).toHaveLength(1);
    expect(events[0]?.data.length).toBe(8 * 1024 * 1024);
    // Rescanning the growing buffer took seconds here (17 s at 8 MB); one pass takes milliseconds.
    expect(elapsed).toBeLessThan(1500);
  });

  it("fails with SseEventTooLargeError when one event outgrows maxEventSize, in a line or in data lines", () => {
    const line = new SseParser({ maxEventSize: 1000 });
    line.push(`data: ${"x".repeat(600)}`);
    expect(() => line.push("y".repeat(600))).toThrow(SseEventTooLargeError);
    const lines = new SseParser({ maxEventSize: 1000 });
    for (let i = 0; i < 3; i++) lines.push(`data: ${"x".repeat(300)}\n`);
    expect(() => lines.push(`data: ${"x".repeat(300)}\n`)).toThrow(/1000 characters/);
    // Events under the cap are untouched, however many there are.
    const many = new SseParser({ maxEventSize: 1000 });
    const events = Array.from({ length: 50 }, () =>
      many.push(`data: ${"x".repeat(900)}\n\n`),
    ).flat();
    expect(events).toHaveLength(50);
  });
});

describe("SseParser against eventsource-parser", () => {
  /** Pieces of SSE text that meet at random: fields, values, comments and every line end. */
  const PIECES = [
    "data: ",
    "data:",
    "data",
    "event: ",
    "event:x",
    ": note",
    "id: 1",
    "retry: 5",
  ].concat(["\n", "\r\n", "\r", '{"a":1}', "hi", " ", "x:y", ":", "da", "ta: z", "\n\n"]);
  const reference = (text: string): SseEvent[] => {
    const events: SseEvent[] = [];
    const parser = createParser({
      onEvent: ({ event, data }) => events.push(event === undefined ? { data } : { event, data }),
    });
    parser.feed(text);
    return events;
  };

  it("gives the same events for any text, however it is split", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 40 }),
        (pieces, cuts) => {
          const text = `${pieces.join("")}\n\n`;
          const parts: string[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = cuts[i % cuts.length] as number;
            parts.push(text.slice(at, at + size));
            at += size;
          }
          expect(parseAll(parts).events).toEqual(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
