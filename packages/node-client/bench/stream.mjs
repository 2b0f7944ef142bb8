// Streaming benchmark: `chat.completions.create({ stream: true })` against the floor (raw `fetch`
// + eventsource-parser + `JSON.parse`) and openai 6's stream, side by side in one run, against a
// local node:http server in a child process that streams realistic chat chunks, several events
// per packet. Prints a Markdown table. Run with `pnpm bench` (builds first) or
// `node --expose-gc bench/stream.mjs [--long 5000] [--short 20] [--rounds 7] [--baseline old/index.js]`
// (`--baseline`: a copy of an earlier build's dist/index.js, run as one more contender).
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(argv[index + 1]);
};
const LONG = option("long", 5000);
const SHORT = option("short", 20);
const ROUNDS = option("rounds", 7);
const baselineIndex = argv.indexOf("--baseline");
const BASELINE = baselineIndex === -1 ? undefined : argv[baselineIndex + 1];
const EVENTS_PER_PACKET = 4;
const IN_FLIGHT = 8;

// ---------------------------------------------------------------- server (child process)
if (argv[0] === "server") {
  const words = "Sure! Here is a short answer about the topic you asked, with a few details".split(
    " ",
  );
  const chunk = (index, delta, finish = null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-7f3a9c2e4b1d4e0f8a6b",
      object: "chat.completion.chunk",
      created: 1_795_656_354,
      model: "llama-3.3-70b",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(finish
        ? { usage: { prompt_tokens: 12, completion_tokens: index, total_tokens: index + 12 } }
        : {}),
    })}\n\n`;
  /** The whole stream of `count` events, cut into packets of EVENTS_PER_PACKET events. */
  const packets = (count) => {
    const events = [chunk(0, { role: "assistant", content: "" })];
    for (let i = 1; i < count - 1; i++)
      events.push(chunk(i, { content: ` ${words[i % words.length]}` }));
    events.push(chunk(count - 1, {}, "stop"), "data: [DONE]\n\n");
    const out = [];
    for (let i = 0; i < events.length; i += EVENTS_PER_PACKET) {
      out.push(Buffer.from(events.slice(i, i + EVENTS_PER_PACKET).join("")));
    }
    return out;
  };
  const streams = { long: packets(LONG), short: packets(SHORT) };
  const headers = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "cf-ray": "8f00000000000000-AMS",
    "x-request-id": "req-bench",
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "1795656354003",
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", async () => {
      const list = req.url.startsWith("/long/") ? streams.long : streams.short;
      res.writeHead(200, headers);
      // One write per packet, yielding now and then so packets leave as packets, not one blob.
      for (let i = 0; i < list.length; i++) {
        if (!res.write(list[i])) await new Promise((resolve) => res.once("drain", resolve));
        else if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
  process.on("disconnect", () => process.exit(0));
} else {
  await main();
}

// ---------------------------------------------------------------- contenders
async function main() {
  const { createVeniceClient } = await import("../dist/index.js");
  const baseline =
    BASELINE === undefined
      ? undefined
      : (await import(new URL(BASELINE, `file://${process.cwd()}/`).href)).createVeniceClient;
  const { default: OpenAI } = await import("openai");
  const { createParser } = await import("eventsource-parser");
  const child = fork(fileURLToPath(import.meta.url), ["server", ...argv], { stdio: "inherit" });
  const port = await new Promise((resolve) => child.once("message", resolve));
  const apiKey = "bench-key-0123456789";
  const params = {
    model: "llama-3.3-70b",
    messages: [{ role: "user", content: "Hello" }],
    stream: true,
  };
  const base = (kind) => `http://127.0.0.1:${port}/${kind}/api/v1`;
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };

  const post = (kind, signal) =>
    fetch(`${base(kind)}/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify(params),
      signal,
    });
  /**
   * The floor: fetch, eventsource-parser, JSON.parse of every event; calls `onChunk` per chunk.
   * `cancellable`: the same with what a client that can be cancelled must add, an AbortSignal and
   * an idle timer restarted per packet (undici's work for a signal is per request).
   */
  async function raw(kind, onChunk, cancellable = false) {
    const controller = cancellable ? new AbortController() : undefined;
    const timer = cancellable ? setTimeout(() => controller.abort(), 600_000) : undefined;
    const response = await post(kind, controller?.signal);
    let done = false;
    const parser = createParser({
      onEvent(event) {
        if (event.data === "[DONE]") done = true;
        else onChunk(JSON.parse(event.data));
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      timer?.refresh();
      parser.feed(decoder.decode(value, { stream: true }));
    }
    clearTimeout(timer);
    if (!done) throw new Error("stream ended without [DONE]");
  }
  /**
   * The cancellable floor read with `for await`, as an SDK's stream is: an async generator that
   * yields each chunk (a promise and a result object per chunk, which a callback does not make).
   */
  async function* rawChunks(kind) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 600_000);
    const response = await post(kind, controller.signal);
    let done = false;
    let queue = [];
    const parser = createParser({
      onEvent(event) {
        if (event.data === "[DONE]") done = true;
        else queue.push(JSON.parse(event.data));
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        timer.refresh();
        parser.feed(decoder.decode(value, { stream: true }));
        const ready = queue;
        queue = [];
        yield* ready;
      }
    } finally {
      clearTimeout(timer);
    }
    if (!done) throw new Error("stream ended without [DONE]");
  }
  const clients = {};
  for (const kind of ["long", "short"]) {
    clients[kind] = {
      venice: createVeniceClient({ apiKey, baseURL: base(kind) }),
      openai: new OpenAI({ apiKey, baseURL: base(kind), maxRetries: 0 }),
      baseline: baseline?.({ apiKey, baseURL: base(kind) }),
    };
  }
  const iterate = async (stream, onChunk) => {
    for await (const chunk of stream) onChunk(chunk);
  };
  const contenders = [
    ["raw fetch + eventsource-parser + JSON.parse", raw],
    ["the same + AbortSignal + idle timer", (kind, onChunk) => raw(kind, onChunk, true)],
    ["the same, read with for await", (kind, onChunk) => iterate(rawChunks(kind), onChunk)],
    [
      "@venice-errors/node-client",
      async (kind, onChunk) =>
        iterate(await clients[kind].venice.chat.completions.create(params), onChunk),
    ],
    [
      "openai 6",
      async (kind, onChunk) =>
        iterate(await clients[kind].openai.chat.completions.create(params), onChunk),
    ],
  ];
  if (baseline !== undefined) {
    contenders.push([
      `node-client baseline (${BASELINE})`,
      async (kind, onChunk) =>
        iterate(await clients[kind].baseline.chat.completions.create(params), onChunk),
    ]);
  }

  /** One stream; returns [events, ms to first chunk]. */
  async function one(run, kind) {
    const start = performance.now();
    let first = 0;
    let events = 0;
    await run(kind, () => {
      if (events++ === 0) first = performance.now() - start;
    });
    return [events, first];
  }
  /** `count` streams, `inFlight` at a time; returns [events, ms, first-chunk times, client CPU µs per event]. */
  async function batch(run, kind, count, inFlight) {
    let next = 0;
    let events = 0;
    const firsts = [];
    const cpu = process.cpuUsage();
    const start = performance.now();
    const worker = async () => {
      while (next++ < count) {
        const [n, first] = await one(run, kind);
        events += n;
        firsts.push(first);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return [events, ms, firsts, (used.user + used.system) / events];
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };

  // Warm-up, then interleaved rounds (the order rotates each round); medians of the rounds.
  for (const [, run] of contenders) {
    await batch(run, "long", 2, 1);
    await batch(run, "short", 200, IN_FLIGHT);
  }
  const results = new Map(
    contenders.map(([name]) => [
      name,
      { long: [], short: [], ttfc: [], longCpu: [], shortCpu: [] },
    ]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const [name, run] of order) {
      const result = results.get(name);
      const [longEvents, longMs, , longCpu] = await batch(run, "long", 3, 1);
      result.long.push(longEvents / (longMs / 1000));
      result.longCpu.push(longCpu);
      const [shortEvents, shortMs, firsts, shortCpu] = await batch(run, "short", 400, IN_FLIGHT);
      result.short.push(shortEvents / (shortMs / 1000));
      result.shortCpu.push(shortCpu);
      result.ttfc.push(median(firsts));
    }
  }

  // Heap: 1,000 more short streams (8 in flight) after the rounds must not grow the heap.
  const heap = () => {
    globalThis.gc?.();
    globalThis.gc?.();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  const heaps = new Map();
  for (const [name, run] of contenders) {
    const before = heap();
    await batch(run, "short", 1000, IN_FLIGHT);
    const after1k = heap();
    await batch(run, "short", 1000, IN_FLIGHT);
    heaps.set(name, [before, after1k, heap()]);
  }

  const floor = results.get(contenders[0][0]);
  const spread = (values) => {
    const m = median(values);
    return `±${((Math.max(...values.map((v) => Math.abs(v - m))) / m) * 100).toFixed(0)}%`;
  };
  console.log(
    `\nnode ${process.version}, streams of chat chunks (${EVENTS_PER_PACKET} events per packet) from a local server in a child process; ` +
      `medians of ${ROUNDS} interleaved rounds (long: 3 streams of ${LONG} events, one at a time; short: 400 streams of ${SHORT} events, ${IN_FLIGHT} in flight)\n`,
  );
  console.log(
    "| contender | long events/s | vs floor | client CPU µs/event | vs floor | short events/s | vs floor | client CPU µs/event | vs floor | first chunk ms (short, p50) | heap MB: before → +1,000 → +2,000 streams |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const [name] of contenders) {
    const r = results.get(name);
    const [before, after1k, after2k] = heaps.get(name);
    console.log(
      `| ${name} | ${Math.round(median(r.long))} (${spread(r.long)}) | ${(median(floor.long) / median(r.long)).toFixed(2)}× | ` +
        `${median(r.longCpu).toFixed(2)} | ${(median(r.longCpu) / median(floor.longCpu)).toFixed(2)}× | ` +
        `${Math.round(median(r.short))} (${spread(r.short)}) | ${(median(floor.short) / median(r.short)).toFixed(2)}× | ` +
        `${median(r.shortCpu).toFixed(2)} | ${(median(r.shortCpu) / median(floor.shortCpu)).toFixed(2)}× | ` +
        `${median(r.ttfc).toFixed(2)} | ${before.toFixed(2)} → ${after1k.toFixed(2)} → ${after2k.toFixed(2)} |`,
    );
  }
  console.log(
    "\n`vs floor`: time (or client CPU) per event relative to raw fetch + eventsource-parser + JSON.parse (1.00× = as fast; lower is better). ± is the widest round's distance from the median. On a loaded machine the CPU columns are the steadier ones.",
  );
  child.disconnect();
  child.kill();
}
