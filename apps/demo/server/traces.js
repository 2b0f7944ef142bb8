// What the trace panel shows: the OpenTelemetry span of the last call to Venice, recorded by
// @venice-errors/opentelemetry into an in-memory exporter, the way an operator's backend gets it.
import { SpanStatusCode } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { VeniceInstrumentation } from "@venice-errors/opentelemetry";
import { sendJson } from "./http.js";

/**
 * @typedef {{ attempt: number, status: number | null, code: string, waitMs: number | null, heldMs: number }} TraceTry
 * @typedef {{
 *   name: string, status: "ok" | "error", errorType: string | null, statusCode: number | null,
 *   resendCount: number, durationMs: number, tries: TraceTry[], attributes: Record<string, unknown>
 * }} CallTrace
 */

/** @param {unknown} value */
const number = (value) => (typeof value === "number" ? value : null);

/**
 * One row per try: the retried ones from their `venice.retry` events, the last one from the
 * span's own status code and `error.type`; a coordinator hold goes on the try it delayed.
 * @param {import("@opentelemetry/sdk-trace-base").ReadableSpan} span
 * @returns {CallTrace}
 */
export function describeSpan(span) {
  const attributes = span.attributes;
  const errorType = typeof attributes["error.type"] === "string" ? attributes["error.type"] : null;
  const resendCount = number(attributes["http.request.resend_count"]) ?? 0;
  /** @type {Map<number, number>} */
  const held = new Map();
  /** @type {TraceTry[]} */
  const tries = [];
  for (const event of span.events) {
    const event_ = event.attributes ?? {};
    const attempt = number(event_["venice.attempt"]) ?? tries.length + 1;
    if (event.name === "venice.coordinator.wait") {
      held.set(attempt, number(event_["venice.coordinator.wait_ms"]) ?? 0);
    } else if (event.name === "venice.retry") {
      tries.push({
        attempt,
        status: number(event_["http.response.status_code"]),
        code: String(event_["error.type"] ?? ""),
        waitMs: number(event_["venice.retry.delay_ms"]),
        heldMs: 0,
      });
    }
  }
  tries.push({
    attempt: resendCount + 1,
    status: number(attributes["http.response.status_code"]),
    code: errorType ?? "OK",
    waitMs: null,
    heldMs: 0,
  });
  for (const entry of tries) entry.heldMs = held.get(entry.attempt) ?? 0;
  const [seconds, nanos] = span.duration;
  return {
    name: span.name,
    status: span.status.code === SpanStatusCode.ERROR ? "error" : "ok",
    errorType,
    statusCode: number(attributes["http.response.status_code"]),
    resendCount,
    durationMs: Math.round(seconds * 1000 + nanos / 1e6),
    tries,
    attributes: { ...attributes },
  };
}

/**
 * Records the spans of every Venice call this process makes and keeps the last one. The
 * instrumentation listens on node-client's diagnostics channels, so no client is wrapped.
 * Calls listing models (the page's model picker) are not "the last call" the panel explains.
 */
export function createTraceRecorder() {
  const exporter = new InMemorySpanExporter();
  const instrumentation = new VeniceInstrumentation({ enabled: false });
  instrumentation.setTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  instrumentation.enable();
  /** @type {CallTrace | null} */
  let last = null;
  return {
    /** The span of the last finished call (models lists aside), described for the page. */
    last() {
      const spans = exporter
        .getFinishedSpans()
        .filter((span) => span.attributes["gen_ai.operation.name"] !== "models");
      const span = spans.at(-1);
      if (span) last = describeSpan(span);
      exporter.reset(); // keeps memory flat: only the last call is shown
      return last;
    },
    /**
     * `GET /api/trace`.
     * @param {import("node:http").ServerResponse} res
     */
    respond(res) {
      sendJson(res, 200, { trace: this.last() });
    },
    close() {
      instrumentation.disable();
    },
  };
}
