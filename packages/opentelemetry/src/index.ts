export { VeniceInstrumentation } from "./instrumentation.js";
export { ATTR as VENICE_OTEL_ATTRIBUTES, METRIC as VENICE_OTEL_METRICS } from "./semconv.js";
export type { VeniceInstrumentationConfig, VeniceSpanHook } from "./types.js";
