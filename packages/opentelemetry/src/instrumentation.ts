import { subscribe, tracingChannel, unsubscribe } from "node:diagnostics_channel";
import {
  type Attributes,
  type Counter,
  context,
  type Histogram,
  type Span,
  SpanKind,
  SpanStatusCode,
  ValueType,
} from "@opentelemetry/api";
import { InstrumentationBase } from "@opentelemetry/instrumentation";
import { isVeniceError } from "@venice-errors/core";
import {
  VENICE_DIAGNOSTICS_CHANNELS as CHANNELS,
  type VeniceRequestMessage,
  type VeniceStreamEndMessage,
  type VeniceStreamErrorMessage,
  type VeniceStreamMessage,
  type VeniceTryMessage,
} from "@venice-errors/node-client";
import { name as PACKAGE_NAME, version as PACKAGE_VERSION } from "../package.json";
import { inputMessages, outputMessages } from "./content.js";
import { ATTR, EVENT, METRIC, PROVIDER_NAME, REQUEST_PARAMETERS } from "./semconv.js";
import type { VeniceInstrumentationConfig } from "./types.js";

/** What the instrumentation keeps per request between its events. */
interface RequestRecord {
  span: Span;
  /** `performance.now()` at the start, for the duration histogram. */
  startedAt: number;
  /** The stream's first event arrived: the span ends with the stream, not with the request. */
  streaming: boolean;
}

/** The code of a final failure: a `VeniceError`'s code (low cardinality), else the error's name. */
function errorType(error: unknown): string {
  if (isVeniceError(error)) return error.code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && name !== "" ? name : "_OTHER";
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/**
 * OpenTelemetry spans and metrics for every request made with `@venice-errors/node-client`
 * (`createVeniceClient` and `createVeniceFetch`), by the GenAI semantic conventions. It listens to
 * the client's `diagnostics_channel` events, so it patches nothing and works with any copy of the
 * client in the process.
 */
export class VeniceInstrumentation extends InstrumentationBase<VeniceInstrumentationConfig> {
  // `declare`: the base constructor calls `enable()` and `_updateMetricInstruments()` before this
  // class's fields would be initialised; declared fields are not reset afterwards.
  declare private records: WeakMap<VeniceRequestMessage, RequestRecord> | undefined;
  declare private unsubscribeAll: (() => void) | undefined;
  declare private duration: Histogram;
  declare private tokenUsage: Histogram;
  declare private errors: Counter;

  constructor(config: VeniceInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** No module to patch: the client publishes its own events. */
  protected override init(): undefined {
    return undefined;
  }

  protected override _updateMetricInstruments(): void {
    this.duration = this.meter.createHistogram(METRIC.OPERATION_DURATION.name, {
      unit: METRIC.OPERATION_DURATION.unit,
      description: METRIC.OPERATION_DURATION.description,
      valueType: ValueType.DOUBLE,
      advice: { explicitBucketBoundaries: [...METRIC.OPERATION_DURATION.buckets] },
    });
    this.tokenUsage = this.meter.createHistogram(METRIC.TOKEN_USAGE.name, {
      unit: METRIC.TOKEN_USAGE.unit,
      description: METRIC.TOKEN_USAGE.description,
      valueType: ValueType.INT,
      advice: { explicitBucketBoundaries: [...METRIC.TOKEN_USAGE.buckets] },
    });
    this.errors = this.meter.createCounter(METRIC.ERRORS.name, {
      unit: METRIC.ERRORS.unit,
      description: METRIC.ERRORS.description,
      valueType: ValueType.INT,
    });
  }

  override enable(): void {
    super.enable();
    if (this.unsubscribeAll !== undefined) return;
    this.records = new WeakMap();
    const request = tracingChannel<VeniceRequestMessage>(CHANNELS.request);
    const ignore = () => {};
    const tracing = {
      start: (message: VeniceRequestMessage) => this.onStart(message),
      // The settled promise: both outcomes (`error` comes just before, with `message.error` set).
      asyncStart: (message: VeniceRequestMessage) => this.onSettled(message),
      end: ignore,
      asyncEnd: ignore,
      error: ignore,
    };
    const named: Array<[string, (message: unknown) => void]> = [
      [CHANNELS.try, (message) => this.onTry(message as VeniceTryMessage)],
      [CHANNELS.streamFirst, (message) => this.onStreamFirst(message as VeniceStreamMessage)],
      [CHANNELS.streamEnd, (message) => this.onStreamEnd(message as VeniceStreamEndMessage)],
      [CHANNELS.streamError, (message) => this.onStreamError(message as VeniceStreamErrorMessage)],
    ];
    request.subscribe(tracing);
    for (const [name, handler] of named) subscribe(name, handler);
    this.unsubscribeAll = () => {
      request.unsubscribe(tracing);
      for (const [name, handler] of named) unsubscribe(name, handler);
    };
  }

  override disable(): void {
    super.disable();
    this.unsubscribeAll?.();
    this.unsubscribeAll = undefined;
  }

  private onStart(message: VeniceRequestMessage): void {
    const operation = message.operationName;
    const attributes: Attributes = {
      [ATTR.GEN_AI_OPERATION_NAME]: operation,
      [ATTR.GEN_AI_PROVIDER_NAME]: PROVIDER_NAME,
      [ATTR.SERVER_ADDRESS]: message.serverAddress,
      [ATTR.SERVER_PORT]: message.serverPort,
    };
    if (message.model !== undefined) attributes[ATTR.GEN_AI_REQUEST_MODEL] = message.model;
    for (const [name, attribute] of REQUEST_PARAMETERS) {
      const value = field(message.body, name);
      if (typeof value === "number") attributes[attribute] = value;
    }
    const config = this.getConfig();
    if (config.captureMessageContent) {
      const input = inputMessages(message);
      if (input !== undefined) attributes[ATTR.GEN_AI_INPUT_MESSAGES] = input;
    }
    // Published synchronously where the caller called the client: the active context is theirs.
    const span = this.tracer.startSpan(
      message.model === undefined ? operation : `${operation} ${message.model}`,
      { kind: SpanKind.CLIENT, attributes },
      context.active(),
    );
    this._runSpanCustomizationHook(config.requestHook, "requestHook", span, message);
    this.records?.set(message, { span, startedAt: performance.now(), streaming: false });
  }

  /**
   * A try the coordinator held (a cooldown another request ran into) is an event; a retried try
   * is an event and a counted error, never a span error.
   */
  private onTry(message: VeniceTryMessage): void {
    const { request, attempt, status, error, delayMs, coordinatorWaitMs } = message;
    if (coordinatorWaitMs > 0) {
      this.records?.get(request)?.span.addEvent(EVENT.COORDINATOR_WAIT, {
        [ATTR.VENICE_ATTEMPT]: attempt,
        [ATTR.VENICE_COORDINATOR_WAIT_MS]: coordinatorWaitMs,
      });
    }
    if (error === undefined || delayMs === null) return;
    const type = errorType(error);
    const event: Attributes = {
      [ATTR.VENICE_ATTEMPT]: attempt,
      [ATTR.ERROR_TYPE]: type,
      [ATTR.VENICE_RETRY_DELAY_MS]: delayMs,
    };
    if (status > 0) event[ATTR.HTTP_RESPONSE_STATUS_CODE] = status;
    this.records?.get(request)?.span.addEvent(EVENT.RETRY, event);
    this.errors.add(1, {
      ...this.metricAttributes(request),
      [ATTR.ERROR_TYPE]: type,
      [ATTR.VENICE_RETRIED]: true,
    });
  }

  /** The request's promise settled: the end, unless a stream goes on. */
  private onSettled(message: VeniceRequestMessage): void {
    const record = this.records?.get(message);
    if (record === undefined || (record.streaming && message.error === undefined)) return;
    this.finish(message, record, message.error);
  }

  private onStreamFirst({ request }: VeniceStreamMessage): void {
    const record = this.records?.get(request);
    if (record === undefined) return;
    record.streaming = true;
    record.span.addEvent(EVENT.STREAM_FIRST_EVENT);
  }

  private onStreamEnd({ request, completed }: VeniceStreamEndMessage): void {
    const record = this.records?.get(request);
    if (record === undefined) return;
    if (!completed) record.span.setAttribute(ATTR.VENICE_STREAM_COMPLETED, false);
    this.finish(request, record, undefined);
  }

  private onStreamError({ request, error }: VeniceStreamErrorMessage): void {
    const record = this.records?.get(request);
    if (record !== undefined) this.finish(request, record, error);
  }

  private finish(message: VeniceRequestMessage, record: RequestRecord, error: unknown): void {
    this.records?.delete(message);
    const { span } = record;
    if (message.tries > 1) span.setAttribute(ATTR.HTTP_REQUEST_RESEND_COUNT, message.tries - 1);
    if (message.status > 0) span.setAttribute(ATTR.HTTP_RESPONSE_STATUS_CODE, message.status);
    if (message.responseModel !== undefined) {
      span.setAttribute(ATTR.GEN_AI_RESPONSE_MODEL, message.responseModel);
    }
    const usage = message.usage;
    if (usage?.inputTokens !== undefined) {
      span.setAttribute(ATTR.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
    }
    if (usage?.outputTokens !== undefined) {
      span.setAttribute(ATTR.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
    }
    this.recordResult(span, message);
    const attributes = this.metricAttributes(message);
    if (error === undefined) {
      span.setStatus({ code: SpanStatusCode.OK });
    } else {
      const type = errorType(error);
      attributes[ATTR.ERROR_TYPE] = type;
      span.setAttribute(ATTR.ERROR_TYPE, type);
      const text = (error as { message?: unknown } | null)?.message;
      span.setStatus({
        code: SpanStatusCode.ERROR,
        ...(typeof text === "string" ? { message: text } : {}),
      });
      this.errors.add(1, { ...attributes, [ATTR.VENICE_RETRIED]: false });
    }
    this._runSpanCustomizationHook(this.getConfig().responseHook, "responseHook", span, message);
    span.end();
    this.duration.record((performance.now() - record.startedAt) / 1000, attributes);
    if (usage?.inputTokens !== undefined) {
      this.tokenUsage.record(usage.inputTokens, {
        ...attributes,
        [ATTR.GEN_AI_TOKEN_TYPE]: "input",
      });
    }
    if (usage?.outputTokens !== undefined) {
      this.tokenUsage.record(usage.outputTokens, {
        ...attributes,
        [ATTR.GEN_AI_TOKEN_TYPE]: "output",
      });
    }
  }

  /** Id and finish reasons of a non-streamed answer; its completion only when opted in. */
  private recordResult(span: Span, message: VeniceRequestMessage): void {
    const result = message.result;
    const id = field(result, "id");
    if (typeof id === "string") span.setAttribute(ATTR.GEN_AI_RESPONSE_ID, id);
    const choices = field(result, "choices");
    if (Array.isArray(choices)) {
      const reasons = choices
        .map((choice) => field(choice, "finish_reason"))
        .filter((reason): reason is string => typeof reason === "string");
      if (reasons.length > 0) span.setAttribute(ATTR.GEN_AI_RESPONSE_FINISH_REASONS, reasons);
    }
    if (this.getConfig().captureMessageContent) {
      const output = outputMessages(message);
      if (output !== undefined) span.setAttribute(ATTR.GEN_AI_OUTPUT_MESSAGES, output);
    }
  }

  /** The low-cardinality attributes every metric point of a request carries. */
  private metricAttributes(message: VeniceRequestMessage): Attributes {
    const attributes: Attributes = {
      [ATTR.GEN_AI_OPERATION_NAME]: message.operationName,
      [ATTR.GEN_AI_PROVIDER_NAME]: PROVIDER_NAME,
      [ATTR.SERVER_ADDRESS]: message.serverAddress,
      [ATTR.SERVER_PORT]: message.serverPort,
    };
    if (message.model !== undefined) attributes[ATTR.GEN_AI_REQUEST_MODEL] = message.model;
    if (message.responseModel !== undefined) {
      attributes[ATTR.GEN_AI_RESPONSE_MODEL] = message.responseModel;
    }
    return attributes;
  }
}
