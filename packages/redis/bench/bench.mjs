// Benchmark of @venice-errors/redis (built dist): what the coordinator costs per request, in time
// and in Redis commands (counted by the server: INFO commandstats), on healthy and failing
// traffic, with and without it; and how long a cooldown takes to reach another process.
// Usage: pnpm --filter @venice-errors/redis bench [-- --requests 20000]
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { toVeniceError } from "@venice-errors/core";
import { createVeniceClient } from "@venice-errors/node-client";
import { createRedisCoordinator } from "@venice-errors/redis";
import { createClient } from "redis";
import { hasRedisServer, startRedisServer } from "../test-support/redis-server.mjs";

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const REQUESTS = arg("requests", 20_000);
const HTTP_REQUESTS = arg("http-requests", 2000);

if (!hasRedisServer()) {
  console.error("bench: redis-server is not installed (apt-get install -y redis-server)");
  process.exit(1);
}
const redis = await startRedisServer();
const admin = createClient({ url: redis.url });
await admin.connect();

/** Commands the server ran since the last reset: client round trips (scripts) and all calls. */
async function serverCommands() {
  const info = await admin.info("commandstats");
  let all = 0;
  let scripts = 0;
  for (const [, name, calls] of info.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)) {
    if (name === "info" || name === "config|resetstat") continue;
    all += Number(calls);
    if (name === "evalsha" || name === "eval") scripts += Number(calls);
  }
  return { all, scripts };
}
const resetStats = () => admin.sendCommand(["CONFIG", "RESETSTAT"]);

const headers = new Headers({ "x-ratelimit-remaining-requests": "499" });
const OK = { status: 200, headers };
const BAD = {
  status: 400,
  headers,
  error: toVeniceError({ status: 400, body: { error: "Invalid request parameters" } }),
};
const aTry = () => ({
  keyId: "bench-key",
  model: "m",
  method: "POST",
  path: "/chat/completions",
  attempt: 1,
});

/** acquire + release per request: `failEvery` 0 = healthy, N = every Nth answer is a 400. */
async function coordinatorRun(label, coordinator, failEvery) {
  // Warm up (first request of a key loads its state), then count from a clean slate.
  const warm = aTry();
  await coordinator.acquire(warm);
  coordinator.release(warm, OK);
  await resetStats();
  let refused = 0;
  const started = performance.now();
  for (let i = 1; i <= REQUESTS; i++) {
    const request = aTry();
    let decision = coordinator.acquire(request);
    if (decision instanceof Promise) decision = await decision;
    if (decision !== undefined) {
      refused++;
      continue;
    }
    coordinator.release(request, failEvery > 0 && i % failEvery === 0 ? BAD : OK);
  }
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50)); // let reports reach Redis
  const { all, scripts } = await serverCommands();
  return {
    case: label,
    "requests/s": Math.round((REQUESTS / ms) * 1000),
    "µs/request": Number(((ms * 1000) / REQUESTS).toFixed(2)),
    "round trips/request": Number((scripts / REQUESTS).toFixed(4)),
    "server calls/request": Number((all / REQUESTS).toFixed(4)),
    refused,
  };
}

const results = [];
let prefix = 0;
const coordinator = (options) =>
  createRedisCoordinator({ url: redis.url, keyPrefix: `bench-${++prefix}:`, ...options });

for (const [label, failEvery, options] of [
  ["healthy (no failures)", 0, {}],
  ["1 % failures (budget in use)", 100, { maxFailures: 1e9 }],
  ["failure storm (budget spent)", 1, { maxFailures: 15 }],
]) {
  const shared = coordinator(options);
  await shared.ready();
  results.push(await coordinatorRun(label, shared, failEvery));
  await shared.close();
}
console.log(`\nCoordinator alone: ${REQUESTS} acquire+release per case (one process)`);
console.table(results);

// End to end: node-client against a local HTTP server, with no coordinator and with Redis.
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json",
      "x-ratelimit-remaining-requests": "499",
    });
    res.end('{"id":"x","object":"chat.completion","choices":[]}');
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/api/v1`;
async function httpRun(_label, options) {
  const client = createVeniceClient({ apiKey: "bench-key", baseURL, ...options });
  const body = { model: "m", messages: [{ role: "user", content: "hi" }] };
  for (let i = 0; i < 50; i++) await client.request("POST", "/chat/completions", { body });
  await resetStats();
  const started = performance.now();
  const lanes = 8;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = 0; i < HTTP_REQUESTS / lanes; i++) {
        await client.request("POST", "/chat/completions", { body });
      }
    }),
  );
  const ms = performance.now() - started;
  const { scripts } = await serverCommands();
  return { rate: (HTTP_REQUESTS / ms) * 1000, scripts };
}
// Interleaved rounds (the order alternates), medians: the first case run alone would pay the
// JIT's warm-up for both.
const HTTP_ROUNDS = arg("http-rounds", 5);
const shared = coordinator({});
await shared.ready();
const httpCases = [
  ["node-client, default coordinator", {}],
  ["node-client + createRedisCoordinator", { coordinator: shared }],
];
const rates = httpCases.map(() => []);
const trips = httpCases.map(() => 0);
for (let round = 0; round < HTTP_ROUNDS; round++) {
  for (let k = 0; k < httpCases.length; k++) {
    const c = (k + round) % httpCases.length;
    const { rate, scripts } = await httpRun(...httpCases[c]);
    rates[c].push(rate);
    trips[c] += scripts;
  }
}
await shared.close();
server.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\nEnd to end: ${HTTP_REQUESTS} healthy requests, 8 at a time, local HTTP server (medians of ${HTTP_ROUNDS} interleaved rounds)`,
);
console.table(
  httpCases.map(([label], c) => ({
    case: label,
    "requests/s": Math.round(median(rates[c])),
    "round trips/request": Number((trips[c] / (HTTP_REQUESTS * HTTP_ROUNDS)).toFixed(4)),
  })),
);

// A cooldown's trip to another process: one process reports a 429 (Retry-After: 2); a child
// process polls its own mirror and reports when it sees the wait.
const keyPrefix = `bench-${++prefix}:`;
const child = spawn(
  process.execPath,
  [new URL("./listener.mjs", import.meta.url).pathname, redis.url, keyPrefix],
  {
    stdio: ["pipe", "pipe", "inherit"],
  },
);
child.stdout.setEncoding("utf8");
const lines = [];
let waiting;
child.stdout.on("data", (chunk) => {
  for (const line of chunk.split("\n").filter(Boolean)) {
    lines.push(line);
    waiting?.();
  }
});
const nextLine = () =>
  new Promise((resolve) => {
    if (lines.length > 0) return resolve(lines.shift());
    waiting = () => {
      waiting = undefined;
      resolve(lines.shift());
    };
  });
await nextLine(); // ready
const sender = createRedisCoordinator({ url: redis.url, keyPrefix });
await sender.ready();
const latencies = [];
const hint = new Headers({ "retry-after": "2" });
for (let round = 0; round < 30; round++) {
  const request = { ...aTry(), model: `m${round}` };
  await sender.acquire(request);
  child.stdin.write(`${request.model}\n`);
  await nextLine(); // the child is polling for this model
  const at = performance.timeOrigin + performance.now();
  sender.release(request, {
    status: 429,
    headers: hint,
    error: toVeniceError({ status: 429, headers: hint, body: { error: "Rate limit exceeded" } }),
  });
  const seenAt = Number(await nextLine());
  latencies.push(seenAt - at);
}
child.stdin.end();
await sender.close();
latencies.sort((a, b) => a - b);
const pick = (q) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
console.log(
  `\nCooldown broadcast to another process (30 rounds): median ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms`,
);

await admin.close();
await redis.stop();
