import { type Attributes, context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createVeniceClient, createVeniceFetch } from "@venice-errors/node-client";
import { type FakeVenice, startFakeVenice } from "@venice-errors/test-utils/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VeniceInstrumentation } from "./instrumentation.js";
import type { VeniceInstrumentationConfig } from "./types.js";

const KEY = "vk-otel-PLANTED-SECRET-4f1d9c";
const messages = [{ role: "user", content: "Tell me about Venice" }];
// A virtual clock that the client's waits advance: retries and coordinator holds take no time.
let clock = Date.now();
const now = () => clock;
const noWait = (ms: number, signal?: AbortSignal) => {
  if (signal?.aborted) return Promise.reject(signal.reason);
  clock += ms;
  return Promise.resolve();
};

let venice: FakeVenice;
let spans: InMemorySpanExporter;
let metricExporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;
let instrumentation: VeniceInstrumentation;
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

/** A fresh instrumentation wired to in-memory exporters, as a user wires one to their SDK. */
function instrument(config: VeniceInstrumentationConfig = {}) {
  spans = new InMemorySpanExporter();
  metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  instrumentation = new VeniceInstrumentation({ ...config, enabled: false });
  instrumentation.setTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  instrumentation.setMeterProvider(new MeterProvider({ readers: [reader] }));
  instrumentation.enable();
}

beforeEach(async () => {
  venice = await startFakeVenice({ apiKey: KEY });
});
afterEach(async () => {
  instrumentation?.disable();
  await reader?.shutdown();
  await venice.close();
});

function client() {
  return createVeniceClient({ apiKey: KEY, baseURL: venice.url, now, sleep: noWait });
}

function onlySpan(): ReadableSpan {
  const finished = spans.getFinishedSpans();
  expect(finished).toHaveLength(1);
  return finished[0]!;
}

/** Every data point of a metric, after a flush. */
async function points(name: string): Promise<DataPoint<unknown>[]> {
  await reader.forceFlush();
  const all =
    metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
  return all
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as DataPoint<unknown>[]);
}

async function drain(stream: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of stream);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("VeniceInstrumentation", () => {
  it("a 429-then-200 call is one span with status OK, resend count 1 and a retry event", async () => {
    instrument();
    venice.enqueue({ error: "RATE_LIMIT_EXCEEDED", retryAfter: 1 });
    await client().chat.completions.create({ model: "venice-uncensored", messages });

    const span = onlySpan();
    expect(span.name).toBe("chat venice-uncensored");
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.OK);
    expect(span.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "venice",
      "gen_ai.request.model": "venice-uncensored",
      "gen_ai.response.model": "venice-uncensored",
      "server.address": "127.0.0.1",
      "server.port": venice.port,
      "http.response.status_code": 200,
      "http.request.resend_count": 1,
    });
    expect(span.attributes["gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
    expect(span.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
    expect(span.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    expect(span.attributes["error.type"]).toBeUndefined();
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        "venice.retry",
        {
          "venice.attempt": 1,
          "error.type": "RATE_LIMIT_EXCEEDED",
          "http.response.status_code": 429,
          "venice.retry.delay_ms": 1000,
        },
      ],
    ]);

    const [duration] = await points("gen_ai.client.operation.duration");
    expect((duration!.value as Histogram).count).toBe(1);
    expect(duration?.attributes["error.type"]).toBeUndefined();
    expect(duration?.attributes["gen_ai.request.model"]).toBe("venice-uncensored");
    const errors = await points("venice.client.errors");
    expect(
      errors.map((p) => [p.attributes["error.type"], p.attributes["venice.retried"], p.value]),
    ).toEqual([["RATE_LIMIT_EXCEEDED", true, 1]]);
    const tokens = await points("gen_ai.client.token.usage");
    expect(tokens.map((p) => p.attributes["gen_ai.token.type"]).sort()).toEqual([
      "input",
      "output",
    ]);
  });

  it("a 402 is status ERROR with error.type INSUFFICIENT_BALANCE and status code 402", async () => {
    instrument();
    venice.enqueue({ error: "INSUFFICIENT_BALANCE" });
    await expect(
      client().chat.completions.create({ model: "venice-uncensored", messages }),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });

    const span = onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes["error.type"]).toBe("INSUFFICIENT_BALANCE");
    expect(span.attributes["http.response.status_code"]).toBe(402);
    expect(span.attributes["http.request.resend_count"]).toBeUndefined();
    expect(span.events).toEqual([]);
    const [duration] = await points("gen_ai.client.operation.duration");
    expect(duration?.attributes["error.type"]).toBe("INSUFFICIENT_BALANCE");
    const errors = await points("venice.client.errors");
    expect(
      errors.map((p) => [p.attributes["error.type"], p.attributes["venice.retried"], p.value]),
    ).toEqual([["INSUFFICIENT_BALANCE", false, 1]]);
  });

  it("an in-band stream error is status ERROR with the stream's code", async () => {
    instrument();
    venice.enqueue({ stream: { chunks: ["Hel", "lo"], error: "MODEL_OVERLOADED" } });
    const stream = await client().chat.completions.create({
      model: "venice-uncensored",
      messages,
      stream: true,
    });
    // The span waits for the stream: nothing has ended yet.
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(await drain(stream)).toMatchObject({ code: "MODEL_OVERLOADED" });

    const span = onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes["error.type"]).toBe("MODEL_OVERLOADED");
    expect(span.attributes["http.response.status_code"]).toBe(200);
    expect(span.attributes["gen_ai.response.model"]).toBe("venice-uncensored");
    expect(span.events.map((event) => event.name)).toEqual(["venice.stream.first_event"]);
  });

  it("a stream's span ends with the stream: OK when it completes, marked when stopped", async () => {
    instrument();
    venice.enqueue({ stream: { chunks: ["a", "b"] } }, { stream: { chunks: ["a", "b", "c"] } });
    const c = client();
    expect(
      await drain(await c.chat.completions.create({ model: "m", messages, stream: true })),
    ).toBe(undefined);
    for await (const _ of await c.chat.completions.create({ model: "m", messages, stream: true })) {
      break;
    }
    const [completed, stopped] = spans.getFinishedSpans();
    expect(completed?.status.code).toBe(SpanStatusCode.OK);
    expect(completed?.attributes["venice.stream.completed"]).toBeUndefined();
    expect(stopped?.status.code).toBe(SpanStatusCode.OK);
    expect(stopped?.attributes["venice.stream.completed"]).toBe(false);
  });

  it("names the spans of every resource by its GenAI operation", async () => {
    instrument();
    const c = client();
    await c.images.generate({ model: "z-image-turbo", prompt: "a gondola" });
    await c.audio.speech.create({ model: "tts-kokoro", input: "Ciao" });
    await c.embeddings.create({ model: "text-embedding-bge-m3", input: "canal" });
    await c.responses.create({ model: "venice-uncensored", input: "Hi" });
    const queued = await c.video.queue({
      model: "wan-2.5-preview-text-to-video",
      prompt: "A gondola",
      duration: "5s",
    });
    await c.video.retrieve({ model: queued.model, queue_id: queued.queue_id });
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual([
      "generate_content z-image-turbo",
      "generate_content tts-kokoro",
      "embeddings text-embedding-bge-m3",
      "chat venice-uncensored",
      "generate_content wan-2.5-preview-text-to-video",
      "video/retrieve wan-2.5-preview-text-to-video",
    ]);
    for (const span of spans.getFinishedSpans()) {
      expect(span.status.code).toBe(SpanStatusCode.OK);
      expect(span.attributes["http.response.status_code"]).toBe(200);
    }
  });

  it("a generation request's 500 is final (no retry event): it may have been charged", async () => {
    instrument();
    venice.enqueue({ route: "POST /image/generate", error: "INFERENCE_FAILED" });
    await expect(
      client().images.generate({ model: "z-image-turbo", prompt: "a gondola" }),
    ).rejects.toMatchObject({ code: "INFERENCE_FAILED" });
    const span = onlySpan();
    expect(span.name).toBe("generate_content z-image-turbo");
    expect(span.attributes["error.type"]).toBe("INFERENCE_FAILED");
    expect(span.attributes["http.request.resend_count"]).toBeUndefined();
    expect(span.events).toEqual([]);
  });

  it("records the coordinator's hold on a try as an event", async () => {
    instrument();
    let held = false;
    const c = createVeniceClient({
      apiKey: KEY,
      baseURL: venice.url,
      now,
      sleep: noWait,
      coordinator: {
        acquire: () => {
          if (held) return undefined;
          held = true;
          return 1500;
        },
        release: () => {},
      },
    });
    await c.chat.completions.create({ model: "venice-uncensored", messages });
    const span = onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.OK);
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      ["venice.coordinator.wait", { "venice.attempt": 1, "venice.coordinator.wait_ms": 1500 }],
    ]);
  });

  it("parents the span on the caller's active span", async () => {
    instrument();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    const parent = provider.getTracer("app").startSpan("handle request");
    await context.with(trace.setSpan(context.active(), parent), () => client().models.list());
    parent.end();
    const [venice_span] = spans.getFinishedSpans();
    expect(venice_span?.name).toBe("models");
    expect(venice_span?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(venice_span?.spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  it("traces createVeniceFetch requests the same way", async () => {
    instrument();
    venice.enqueue({ error: "MODEL_OVERLOADED", retryAfter: 1 });
    const veniceFetch = createVeniceFetch({ apiKey: KEY, now, sleep: noWait });
    const response = await veniceFetch(`${venice.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "qwen3-4b", messages, temperature: 0.5 }),
    });
    expect(response.status).toBe(200);
    const span = onlySpan();
    expect(span.name).toBe("chat qwen3-4b");
    expect(span.status.code).toBe(SpanStatusCode.OK);
    expect(span.attributes).toMatchObject({
      "http.request.resend_count": 1,
      "gen_ai.request.temperature": 0.5,
      "gen_ai.response.model": "qwen3-4b",
    });
  });

  it("records prompts and completions only when captureMessageContent is on", async () => {
    instrument();
    await client().chat.completions.create({ model: "m", messages });
    expect(onlySpan().attributes["gen_ai.input.messages"]).toBeUndefined();
    expect(onlySpan().attributes["gen_ai.output.messages"]).toBeUndefined();
    instrumentation.disable();

    instrument({ captureMessageContent: true });
    const answer = await client().chat.completions.create({ model: "m", messages });
    const span = onlySpan();
    expect(JSON.parse(String(span.attributes["gen_ai.input.messages"]))).toEqual([
      { role: "user", parts: [{ type: "text", content: "Tell me about Venice" }] },
    ]);
    expect(JSON.parse(String(span.attributes["gen_ai.output.messages"]))).toEqual([
      {
        role: "assistant",
        parts: [{ type: "text", content: answer.choices[0]?.message.content }],
        finish_reason: "stop",
      },
    ]);
  });

  it("works through registerInstrumentations, and stops when unloaded", async () => {
    spans = new InMemorySpanExporter();
    metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    reader = new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 3_600_000,
    });
    instrumentation = new VeniceInstrumentation();
    const unload = registerInstrumentations({
      instrumentations: [instrumentation],
      tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
      meterProvider: new MeterProvider({ readers: [reader] }),
    });
    await client().models.list();
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(["models"]);
    unload();
    await client().models.list();
    expect(spans.getFinishedSpans()).toHaveLength(1);
    expect((await points("gen_ai.client.operation.duration")).length).toBe(1);
  });

  it("no span, event or metric anywhere holds the key", async () => {
    instrument({ captureMessageContent: true });
    const c = client();
    venice.enqueue(
      { error: "RATE_LIMIT_EXCEEDED", retryAfter: 1, message: `slow down ${KEY}` },
      { error: "AUTHENTICATION_FAILED", message: `the key ${KEY} is wrong` },
    );
    await expect(c.request("GET", "/models", { query: { api_key: KEY } })).rejects.toThrow();
    venice.enqueue({
      stream: { chunks: ["x"], error: { error: `bad ${KEY}`, code: "MODEL_OVERLOADED" } },
    });
    await drain(await c.chat.completions.create({ model: "m", messages, stream: true }));
    await c.chat.completions.create({ model: "m", messages });
    const veniceFetch = createVeniceFetch({ now, sleep: noWait });
    venice.enqueue({ error: "MODEL_OVERLOADED", retryAfter: 1, message: `oops ${KEY}` });
    await veniceFetch(`${venice.url}/chat/completions?key=${KEY}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages }),
    });

    const texts: string[] = [];
    const collect = (attributes: Attributes | undefined) => {
      for (const [name, value] of Object.entries(attributes ?? {})) texts.push(name, String(value));
    };
    const finished = spans.getFinishedSpans();
    expect(finished).toHaveLength(4);
    for (const span of finished) {
      texts.push(span.name, span.status.message ?? "");
      collect(span.attributes);
      for (const event of span.events) {
        texts.push(event.name);
        collect(event.attributes);
      }
      for (const link of span.links) collect(link.attributes);
    }
    await reader.forceFlush();
    for (const scope of metricExporter.getMetrics().at(-1)?.scopeMetrics ?? []) {
      for (const metric of scope.metrics) {
        texts.push(metric.descriptor.name);
        for (const point of metric.dataPoints) collect(point.attributes);
      }
    }
    // The scan saw the error statuses and the retries (the places a key could slip in).
    expect(texts.filter((text) => text === "venice.retry").length).toBe(2);
    expect(texts).toContain("AUTHENTICATION_FAILED");
    expect(texts.filter((text) => text.includes(KEY))).toEqual([]);
  });
});
