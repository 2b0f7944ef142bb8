/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by `\n`. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Options of `SseParser`. */
export interface SseParserOptions {
  /**
   * Largest event (its unfinished line plus the `data:` lines gathered so far), in characters of
   * decoded text (bytes, for the ASCII JSON Venice sends). Past it `push` throws
   * `SseEventTooLargeError`. Default 16 MiB.
   */
  maxEventSize?: number;
}

/** Thrown by `SseParser.push` when one event grows past `maxEventSize`. */
export class SseEventTooLargeError extends RangeError {
  readonly limit: number;
  constructor(limit: number) {
    super(`A server-sent event grew past ${limit} characters without ending`);
    this.name = "SseEventTooLargeError";
    this.limit = limit;
  }
}

/** 16 MiB: far above any chat chunk or image event, far below what hurts a server. */
export const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

const LF = 10;
const CR = 13;

/**
 * An incremental parser for `text/event-stream` (the WHATWG rules Venice's streams follow):
 * `\n`, `\r\n` and `\r` line ends, split anywhere between two `push` calls (including between
 * `\r` and `\n`); multi-line `data:`; `:` comments; `event:` names. Feed it decoded text.
 *
 * Linear in the input: each chunk is scanned once, and the pieces of an unfinished line are kept
 * as a list and joined once, when the line ends (re-scanning a growing buffer made an 8 MB line
 * take seconds).
 */
export class SseParser {
  /** Pieces of the line that has not ended yet. */
  #pieces: string[] = [];
  #pendingLength = 0;
  #data: string[] = [];
  #dataLength = 0;
  #event: string | undefined;
  /** The previous chunk ended in `\r`: a `\n` starting the next one belongs to that line end. */
  #skipLf = false;
  /** An event outgrew the cap: every later `push` throws. */
  #tooLarge = false;
  readonly #maxEventSize: number;

  constructor(options: SseParserOptions = {}) {
    this.#maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  }

  /**
   * Parses `text` and returns the events it completed. Throws `SseEventTooLargeError` once an
   * event is past the cap (after returning the events completed before it).
   */
  push(text: string): SseEvent[] {
    if (this.#tooLarge) throw new SseEventTooLargeError(this.#maxEventSize);
    const events: SseEvent[] = [];
    if (text === "") return events;
    let start = 0;
    if (this.#skipLf && text.charCodeAt(0) === LF) start = 1;
    this.#skipLf = false;
    for (let i = start; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char !== LF && char !== CR) continue;
      let line = text.slice(start, i);
      if (this.#pieces.length > 0) {
        this.#pieces.push(line);
        line = this.#pieces.join("");
        this.#pieces = [];
        this.#pendingLength = 0;
      }
      this.#line(line, events);
      if (this.#tooLarge) return this.#overflow(events);
      if (char === CR) {
        if (i + 1 === text.length) this.#skipLf = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < text.length) {
      this.#pieces.push(start === 0 ? text : text.slice(start));
      this.#pendingLength += text.length - start;
    }
    if (this.#pendingLength + this.#dataLength > this.#maxEventSize) {
      this.#tooLarge = true;
      return this.#overflow(events);
    }
    return events;
  }

  /** An event outgrew the cap: drop it (freeing its memory); fail now, or at the next push. */
  #overflow(events: SseEvent[]): SseEvent[] {
    this.#reset();
    if (events.length === 0) throw new SseEventTooLargeError(this.#maxEventSize);
    return events;
  }

  /** True once an event outgrew the cap (the next `push` throws). */
  get overflowed(): boolean {
    return this.#tooLarge;
  }

  /** True while a line or an event has started but not ended: the stream stopped mid-event. */
  get pending(): boolean {
    return this.#tooLarge || this.#pendingLength > 0 || this.#data.length > 0;
  }

  #reset(): void {
    this.#pieces = [];
    this.#pendingLength = 0;
    this.#data = [];
    this.#dataLength = 0;
    this.#event = undefined;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === "") {
      if (this.#data.length > 0) {
        const event: SseEvent = { data: this.#data.join("\n") };
        if (this.#event !== undefined) event.event = this.#event;
        events.push(event);
      }
      this.#data = [];
      this.#dataLength = 0;
      this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" comment */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    // One slice for the value: the single space after the colon is skipped by index.
    const value =
      colon === -1 ? "" : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    if (field === "data") {
      this.#data.push(value);
      this.#dataLength += value.length + 1;
      if (this.#dataLength > this.#maxEventSize) this.#tooLarge = true;
    } else if (field === "event") this.#event = value;
  }
}
