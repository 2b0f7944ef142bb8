import { subscribe, tracingChannel, unsubscribe } from "node:diagnostics_channel";
import { VENICE_DIAGNOSTICS_CHANNELS as CHANNELS } from "../diagnostics.js";

interface Seen {
  event: string;
  message: unknown;
}

/** Subscribes to every diagnostics channel; `stop()` unsubscribes all of them. */
export function listen() {
  const seen: Seen[] = [];
  const tracing = tracingChannel(CHANNELS.request);
  const on = (event: string) => (message: unknown) => seen.push({ event, message });
  const handlers = {
    start: on("start"),
    end: on("end"),
    asyncStart: on("asyncStart"),
    asyncEnd: on("asyncEnd"),
    error: on("error"),
  };
  tracing.subscribe(handlers);
  const named = [
    [CHANNELS.try, on("try")],
    [CHANNELS.streamFirst, on("stream:first")],
    [CHANNELS.streamEnd, on("stream:end")],
    [CHANNELS.streamError, on("stream:error")],
  ] as const;
  for (const [name, handler] of named) subscribe(name, handler);
  return {
    seen,
    events: () => seen.map((entry) => entry.event),
    of: <T>(event: string) =>
      seen.filter((entry) => entry.event === event).map((e) => e.message as T),
    stop() {
      tracing.unsubscribe(handlers);
      for (const [name, handler] of named) unsubscribe(name, handler);
    },
  };
}
