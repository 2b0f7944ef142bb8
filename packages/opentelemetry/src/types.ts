import type { Span } from "@opentelemetry/api";
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import type { VeniceRequestMessage } from "@venice-errors/node-client";

/** Called with a request's span and its diagnostics message; may add attributes. */
export type VeniceSpanHook = (span: Span, request: VeniceRequestMessage) => void;

/** Options of `new VeniceInstrumentation(config)`. */
export interface VeniceInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record prompts (`gen_ai.input.messages`) and completions of non-streamed answers
   * (`gen_ai.output.messages`) on spans. Default false: they can hold personal data.
   */
  captureMessageContent?: boolean;
  /** Called when a request's span starts (after the standard attributes are set). */
  requestHook?: VeniceSpanHook;
  /** Called just before a request's span ends, success or failure. */
  responseHook?: VeniceSpanHook;
}
