/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by `\n`. */
export interface SseEvent {
  event?: string;
  data: string;
}

const LF = 10;
const CR = 13;

/**
 * An incremental parser for `text/event-stream` (the WHATWG rules Venice's streams follow):
 * `\n`, `\r\n` and `\r` line ends, split anywhere between two `push` calls (including between
 * `\r` and `\n`); multi-line `data:`; `:` comments; `event:` names. Feed it decoded text.
 */
export class SseParser {
  #buffer = "";
  #data: string[] = [];
  #event: string | undefined;
  /** The previous chunk ended in `\r`: a `\n` starting the next one belongs to that line end. */
  #skipLf = false;

  /** Parses `text` and returns the events it completed. */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    if (text === "") return events;
    let start = 0;
    if (this.#skipLf && text.charCodeAt(0) === LF) start = 1;
    this.#skipLf = false;
    const buffer = this.#buffer ? this.#buffer + text.slice(start) : text;
    if (this.#buffer) start = 0;
    for (let i = start; i < buffer.length; i++) {
      const char = buffer.charCodeAt(i);
      if (char !== LF && char !== CR) continue;
      this.#line(buffer.slice(start, i), events);
      if (char === CR) {
        if (i + 1 === buffer.length) this.#skipLf = true;
        else if (buffer.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    this.#buffer = start < buffer.length ? buffer.slice(start) : "";
    return events;
  }

  /** True while a line or an event has started but not ended: the stream stopped mid-event. */
  get pending(): boolean {
    return this.#buffer.length > 0 || this.#data.length > 0;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === "") {
      if (this.#data.length > 0) {
        const event: SseEvent = { data: this.#data.join("\n") };
        if (this.#event !== undefined) event.event = this.#event;
        events.push(event);
      }
      this.#data = [];
      this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" comment */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }
}
