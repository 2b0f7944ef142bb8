// One process of a fleet: a Venice client whose coordinator is shared through Redis (or, with
// no `redisUrl`, the client's default in-process one), sending requests to one fake Venice until
// `durationMs` is over. Prints one JSON summary line on stdout. Runs the BUILT packages.
import { createVeniceClient } from "@venice-errors/node-client";
import { createRedisCoordinator } from "@venice-errors/redis";

const config = JSON.parse(process.argv[2] ?? "{}");
const warnings = [];
const infos = [];
const logger = {
  warn: (message) => warnings.push(message),
  info: (message) => infos.push(message),
};
const coordinator = config.redisUrl
  ? createRedisCoordinator({
      url: config.redisUrl,
      keyPrefix: config.keyPrefix,
      maxFailures: config.maxFailures,
      windowMs: config.windowMs,
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
      logger,
    })
  : undefined;
const ready = coordinator ? await coordinator.ready(5000) : false;
// Stamps each try with the moment it left this process: the test's clock for "who sent when",
// free of the fake server's own delays on a busy machine.
const stampedFetch = (url, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set("x-sent-at", String(Date.now()));
  return fetch(url, { ...init, headers });
};
const client = createVeniceClient({
  apiKey: "fleet-test-key",
  baseURL: config.veniceUrl,
  fetch: stampedFetch,
  maxRetries: config.maxRetries ?? 2,
  ...(coordinator
    ? { coordinator }
    : { failureBudget: { maxFailures: config.maxFailures, windowMs: config.windowMs } }),
});

const summary = { name: config.name, ready, sent: 0, ok: 0, failed: 0, refused: 0, lostGood: [] };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
let badSent = 0;

async function lane(end) {
  while (Date.now() < end) {
    const bad =
      config.badEvery > 0 &&
      ++counter % config.badEvery === 0 &&
      badSent++ < (config.badLimit ?? Number.POSITIVE_INFINITY);
    summary.sent++;
    try {
      await client.request("POST", "/chat/completions", {
        headers: { "x-fleet-worker": config.name },
        // No `messages`: the fake answers 400 INVALID_REQUEST, a failure Venice counts.
        body: bad
          ? { model: config.model }
          : { model: config.model, messages: [{ role: "user", content: "ping" }] },
      });
      summary.ok++;
    } catch (error) {
      if (error.status === 0 && error.code === "TOO_MANY_FAILED_ATTEMPTS") summary.refused++;
      else summary.failed++;
      if (!bad) summary.lostGood.push(`${error.code} ${error.status}`);
    }
    if (config.intervalMs > 0) await pause(config.intervalMs);
  }
}

const end = Date.now() + config.durationMs;
await Promise.all(Array.from({ length: config.concurrency }, () => lane(end)));
// Coordination resumes by itself after a Redis outage: wait for it (bounded) before reporting.
summary.resumed = coordinator ? await coordinator.ready(10_000) : false;
summary.warnings = warnings.length;
summary.infos = infos.length;
summary.mode = coordinator?.mode ?? "none";
summary.commands = coordinator?.commands ?? 0;
await coordinator?.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
