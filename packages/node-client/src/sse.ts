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
const COLON = 58;
const SPACE = 32;

/**
 * @internal Receives the events `SseParser.feed` completes, as they complete: `name` is the
 * `event:` field, `undefined` when the event had none.
 */
export interface SseSink {
  onEvent(data: string, name: string | undefined): void;
}

/** Gathers `push`'s events into an array. */
class EventList implements SseSink {
  readonly events: SseEvent[] = [];
  onEvent(data: string, name: string | undefined): void {
    this.events.push(name === undefined ? { data } : { event: name, data });
  }
}

/**
 * An incremental parser for `text/event-stream` (the WHATWG rules Venice's streams follow):
 * `\n`, `\r\n` and `\r` line ends, split anywhere between two `push` calls (including between
 * `\r` and `\n`); multi-line `data:`; `:` comments; `event:` names. Feed it decoded text.
 *
 * Linear in the input: each character is looked at once (by `indexOf` when the text has no `\r`),
 * the unfinished end of a chunk is kept as it is and joined once, when its line ends (re-scanning
 * a growing buffer made an 8 MB line take seconds), and a `data:` line costs one `slice`: the
 * field name is compared in place.
 */
export class SseParser {
  /** The line that has not ended yet (the end of the last chunk). */
  #partial = "";
  /** The event's `data:` lines so far, joined by `\n`; `undefined` before its first one. */
  #data: string | undefined;
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
    const list = new EventList();
    this.feed(text, list);
    if (this.#tooLarge && list.events.length === 0) {
      throw new SseEventTooLargeError(this.#maxEventSize);
    }
    return list.events;
  }

  /**
   * @internal Parses `text`, handing each completed event to `sink` at once (no array, no event
   * object). Past the cap it drops the event and returns (`overflowed` turns true; the events
   * completed before it were delivered); a later call throws `SseEventTooLargeError`.
   */
  feed(text: string, sink: SseSink): void {
    if (this.#tooLarge) throw new SseEventTooLargeError(this.#maxEventSize);
    const length = text.length;
    if (length === 0) return;
    let start = 0;
    if (this.#skipLf) {
      this.#skipLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    // Venice sends `\n` line ends: find them with indexOf. A chunk with a `\r` in it is walked
    // character by character from there on (still one pass).
    const cr = text.indexOf("\r", start);
    const fastEnd = cr === -1 ? length : cr;
    for (let end = text.indexOf("\n", start); end !== -1 && end < fastEnd; ) {
      if (!this.#lineEnded(text, start, end, sink)) return;
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    if (cr !== -1) {
      for (let i = start; i < length; i++) {
        const char = text.charCodeAt(i);
        if (char !== LF && char !== CR) continue;
        if (!this.#lineEnded(text, start, i, sink)) return;
        if (char === CR) {
          if (i + 1 === length) this.#skipLf = true;
          else if (text.charCodeAt(i + 1) === LF) i++;
        }
        start = i + 1;
      }
    }
    if (start < length) this.#partial += start === 0 ? text : text.slice(start);
    if (this.#partial.length + this.#dataLength > this.#maxEventSize) this.#overflow();
  }

  /** A line ended at `end`: parses it (with the partial line before it); false past the cap. */
  #lineEnded(text: string, start: number, end: number, sink: SseSink): boolean {
    if (this.#partial === "") this.#line(text, start, end, sink);
    else {
      const line = this.#partial + text.slice(start, end);
      this.#partial = "";
      this.#line(line, 0, line.length, sink);
    }
    if (!this.#tooLarge) return true;
    this.#overflow();
    return false;
  }

  /** An event outgrew the cap: drop it (freeing its memory); the next push fails. */
  #overflow(): void {
    this.#tooLarge = true;
    this.#reset();
  }

  /** True once an event outgrew the cap (the next `push` throws). */
  get overflowed(): boolean {
    return this.#tooLarge;
  }

  /** True while a line or an event has started but not ended: the stream stopped mid-event. */
  get pending(): boolean {
    return this.#tooLarge || this.#partial !== "" || this.#data !== undefined;
  }

  #reset(): void {
    this.#partial = "";
    this.#data = undefined;
    this.#dataLength = 0;
    this.#event = undefined;
  }

  /** One line, `text` from `start` to `end` (its line end excluded). */
  #line(text: string, start: number, end: number, sink: SseSink): void {
    if (start === end) {
      const data = this.#data;
      const name = this.#event;
      this.#data = undefined;
      this.#dataLength = 0;
      this.#event = undefined;
      if (data !== undefined) sink.onEvent(data, name);
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return; // a comment
    // `data:` is nearly every line: compared in place, so its value is the only string made.
    if (
      first === 100 /* d */ &&
      end - start >= 5 &&
      text.charCodeAt(start + 4) === COLON &&
      text.charCodeAt(start + 1) === 97 /* a */ &&
      text.charCodeAt(start + 2) === 116 /* t */ &&
      text.charCodeAt(start + 3) === 97 /* a */
    ) {
      const from = text.charCodeAt(start + 5) === SPACE && start + 5 < end ? start + 6 : start + 5;
      this.#addData(text.slice(from, end));
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    // One slice for the value: the single space after the colon is skipped by index.
    const value =
      colon === -1 ? "" : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    if (field === "data") this.#addData(value);
    else if (field === "event") this.#event = value === "" ? undefined : value; // "" = unnamed
  }

  #addData(value: string): void {
    this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    this.#dataLength += value.length + 1;
    if (this.#dataLength > this.#maxEventSize) this.#tooLarge = true;
  }
}
