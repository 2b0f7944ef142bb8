// Benchmarks `client.chat.completions.create` against raw `fetch` + `JSON.parse` and the `openai`
// package, side by side in one run, against a local node:http server in a child process (no
// network). Prints a Markdown table. Run with `pnpm bench` (builds first) or
// `node --expose-gc bench/bench.mjs [--requests 5000] [--rounds 10] [--overhead-only]`.
// Then the client's CPU per request with and without a diagnostics_channel subscriber.
import { fork } from "node:child_process";
import diagnostics from "node:diagnostics_channel";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(argv[index + 1]);
};

// ---------------------------------------------------------------- server (child process)
if (argv[0] === "server") {
  const completion = JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "llama-3.3-70b",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: "Hello! How can I help you today?" },
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 },
  });
  const okHeaders = {
    "content-type": "application/json",
    "cf-ray": "8f00000000000000-AMS",
    "x-request-id": "req-bench",
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "1795656354003",
    "x-ratelimit-limit-tokens": "1000000",
    "x-ratelimit-remaining-tokens": "999979",
    "x-ratelimit-reset-tokens": "1795656354003",
  };
  const limited = JSON.stringify({ error: "Rate limit exceeded" });
  const limitedHeaders = {
    "content-type": "application/json",
    "cf-ray": "8f00000000000001-AMS",
    // As openai-style servers send it: whole seconds, and the precise wait beside them.
    "retry-after": "0",
    "retry-after-ms": "1",
  };
  let mix = false;
  let count = 0;
  const server = createServer((req, res) => {
    if (req.url === "/mode/mix" || req.url === "/mode/ok") {
      mix = req.url === "/mode/mix";
      count = 0;
      res.end("ok");
      return;
    }
    req.resume();
    req.on("end", () => {
      // The mix: every 5th request is a 429 (retry-after-ms: 1); the retry that follows succeeds.
      if (mix && count++ % 5 === 0) {
        res.writeHead(429, limitedHeaders);
        res.end(limited);
        return;
      }
      res.writeHead(200, okHeaders);
      res.end(completion);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
  process.on("disconnect", () => process.exit(0));
} else if (argv[0] === "overhead") {
  process.send?.(await clientCpuPerRequest(argv[1] === "subscribed"));
} else {
  await main();
}

// ---------------------------------------------------------------- diagnostics cost (child process)
/** Client CPU µs per request, with or without a subscriber on every diagnostics channel. */
async function clientCpuPerRequest(subscribed) {
  const { createVeniceClient, VENICE_DIAGNOSTICS_CHANNELS } = await import("../dist/index.js");
  const { request: tracingName, ...named } = VENICE_DIAGNOSTICS_CHANNELS;
  let seen = 0;
  // As an instrumentation does: read each message.
  const observe = (message) => {
    seen += message.request ? message.request.tries : message.tries;
  };
  if (subscribed) {
    diagnostics.tracingChannel(tracingName).subscribe({
      start: observe,
      end: observe,
      asyncStart: observe,
      asyncEnd: observe,
      error: observe,
    });
    for (const name of Object.values(named)) diagnostics.subscribe(name, observe);
  }
  const body = JSON.stringify({
    id: "chatcmpl-local",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "llama-3.3-70b",
    choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 12, completion_tokens: 1, total_tokens: 13 },
  });
  const client = createVeniceClient({
    apiKey: "bench-key-0123456789",
    baseURL: "http://127.0.0.1:9/api/v1",
    fetch: async () =>
      new Response(body, { status: 200, headers: { "content-type": "application/json" } }),
  });
  const params = { model: "llama-3.3-70b", messages: [{ role: "user", content: "Hello" }] };
  for (let i = 0; i < 10_000; i++) await client.chat.completions.create(params);
  const start = process.cpuUsage();
  for (let i = 0; i < 40_000; i++) await client.chat.completions.create(params);
  const used = process.cpuUsage(start);
  if (subscribed && seen === 0) throw new Error("the diagnostics subscriber saw no message");
  return (used.user + used.system) / 40_000;
}

// ---------------------------------------------------------------- contenders
async function main() {
  const { createVeniceClient, createVeniceFetch } = await import("../dist/index.js");
  const { default: OpenAI } = await import("openai");
  const requests = option("requests", 5000);
  const rounds = option("rounds", 10);
  const child = fork(fileURLToPath(import.meta.url), ["server"], { stdio: "inherit" });
  const port = await new Promise((resolve) => child.once("message", resolve));
  const origin = `http://127.0.0.1:${port}`;
  const baseURL = `${origin}/api/v1`;
  const apiKey = "bench-key-0123456789";
  const params = {
    model: "llama-3.3-70b",
    messages: [{ role: "user", content: "Hello" }],
  };
  const url = `${baseURL}/chat/completions`;
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** What a careful hand-written caller does: fetch, retry a 429 after its hint, JSON.parse. */
  async function raw() {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(params) });
      const text = await response.text();
      if (response.status === 429 && attempt < 2) {
        await sleep(Number(response.headers.get("retry-after-ms") ?? 500));
        continue;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return JSON.parse(text);
    }
  }
  async function rawWithSignal() {
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 600_000);
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify(params),
        signal: controller.signal,
      });
      const text = await response.text();
      clearTimeout(timer);
      if (response.status === 429 && attempt < 2) {
        await sleep(Number(response.headers.get("retry-after-ms") ?? 500));
        continue;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return JSON.parse(text);
    }
  }
  const client = createVeniceClient({ apiKey, baseURL });
  const openai = new OpenAI({ apiKey, baseURL });
  const openaiWithVeniceFetch = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: 0,
    fetch: createVeniceFetch({ apiKey }),
  });
  const contenders = [
    ["raw fetch + JSON.parse", raw],
    ["raw fetch + timeout signal", rawWithSignal],
    ["@venice-errors/node-client", () => client.chat.completions.create(params)],
    ["openai 6", () => openai.chat.completions.create(params)],
    ["openai 6 + createVeniceFetch", () => openaiWithVeniceFetch.chat.completions.create(params)],
  ];

  async function measure(run, count, samples) {
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await run();
      samples.push(performance.now() - start);
    }
  }
  const quantile = (sorted, q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

  const lines = [];
  const overheadOnly = argv.includes("--overhead-only");
  for (const mode of overheadOnly ? [] : ["ok", "mix"]) {
    await fetch(`${origin}/mode/${mode}`).then((response) => response.text());
    const samples = new Map(contenders.map(([name]) => [name, []]));
    const time = new Map(contenders.map(([name]) => [name, 0]));
    const cpu = new Map(contenders.map(([name]) => [name, 0]));
    for (const [, run] of contenders) await measure(run, 300, []); // warm-up
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round so no contender always runs first (or last).
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      for (const [name, run] of order) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        await measure(run, Math.ceil(requests / rounds), samples.get(name));
        const used = process.cpuUsage(cpuStart);
        time.set(name, time.get(name) + performance.now() - start);
        cpu.set(name, cpu.get(name) + used.user + used.system);
      }
    }
    const rawRps = samples.get(contenders[0][0]).length / (time.get(contenders[0][0]) / 1000);
    for (const [name] of contenders) {
      const sorted = samples.get(name).sort((a, b) => a - b);
      const rps = sorted.length / (time.get(name) / 1000);
      lines.push(
        `| ${mode === "ok" ? "200 only" : "429→200 mix (1 in 5)"} | ${name} | ${Math.round(rps)} | ${(
          ((rps - rawRps) / rawRps) * 100
        ).toFixed(
          1,
        )}% | ${quantile(sorted, 0.5).toFixed(3)} | ${quantile(sorted, 0.99).toFixed(3)} | ${Math.round(
          cpu.get(name) / sorted.length,
        )} |`,
      );
    }
  }

  // The diagnostics cost alone, in child processes (one per measurement: subscribing and
  // unsubscribing in one process changes the channels' classes and deoptimises the code around
  // them, which costs more than the events do). Each child sends 40,000 requests through an
  // in-process `fetch` that answers at once, so what it measures is the client's own CPU time.
  const overhead = { none: [], subscribed: [] };
  for (let round = 0; round < 5; round++) {
    for (const mode of Object.keys(overhead)) {
      const worker = fork(fileURLToPath(import.meta.url), ["overhead", mode], { stdio: "inherit" });
      overhead[mode].push(await new Promise((resolve) => worker.once("message", resolve)));
      worker.disconnect();
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const withoutUs = median(overhead.none);
  const withUs = median(overhead.subscribed);

  // Heap: 10,000 more requests after a warm-up must not grow the heap beyond noise.
  await fetch(`${origin}/mode/ok`).then((response) => response.text());
  const heap = () => {
    globalThis.gc?.();
    globalThis.gc?.();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  await measure(() => client.chat.completions.create(params), 2000, []);
  const before = heap();
  await measure(() => client.chat.completions.create(params), 10_000, []);
  const after10k = heap();
  await measure(() => client.chat.completions.create(params), 10_000, []);
  const after20k = heap();

  console.log(
    `\nnode ${process.version}, ${requests} requests per contender and mode in ${rounds} interleaved rounds, one at a time, local server in a child process\n`,
  );
  console.log("| answers | contender | req/s | vs raw | p50 ms | p99 ms | client CPU µs/req |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const line of lines) console.log(line);
  console.log(
    `\nheap (client, after gc${globalThis.gc ? "" : " — run with --expose-gc for exact numbers"}): ` +
      `${before.toFixed(2)} MB after warm-up, ${after10k.toFixed(2)} MB after 10,000 requests, ` +
      `${after20k.toFixed(2)} MB after 20,000`,
  );
  console.log(
    `\ndiagnostics_channel (client CPU per request, in-process fetch, median of 5 processes ` +
      `of 40,000 requests): ${withoutUs.toFixed(1)} µs without a subscriber, ` +
      `${withUs.toFixed(1)} µs with one on every channel ` +
      `(${withUs >= withoutUs ? "+" : ""}${(withUs - withoutUs).toFixed(1)} µs)`,
  );
  child.disconnect();
  child.kill();
}
