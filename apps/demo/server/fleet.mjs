#!/usr/bin/env node
// `pnpm --filter @venice-errors/demo fleet`: several demo instances sharing one API key's limits
// through Redis, against one fake Venice. Ctrl-C stops all of it (Redis too) and exits 0.
import { FLEET_BUDGET, startFleet, VENICE_ABUSE_LIMIT } from "./fleet.js";
import { stopOnSignals } from "./shutdown.js";

const size = Number(process.env.FLEET_SIZE ?? 3);
const port = Number(process.env.PORT ?? 4181);
const redis = process.env.FLEET_REDIS !== "off";

const starting = startFleet({ size, port, redis });
const { stopping } = stopOnSignals({
  close: () => starting.then((fleet) => fleet.close()),
  graceMs: 6_000,
});

const fleet = await starting.catch((error) => {
  console.error(
    error?.code === "EADDRINUSE"
      ? `Port ${error.port ?? port} is busy. Run with others: PORT=4281 pnpm --filter @venice-errors/demo fleet (PORT=0: any free ports)`
      : `The fleet could not start: ${error?.message ?? error}`,
  );
  process.exit(1);
});

if (!stopping()) {
  const seconds = (/** @type {number} */ ms) => `${ms / 1000} s`;
  console.log(
    fleet.redis
      ? `Shared state: Redis at ${fleet.redis.url} (redis-server pid ${fleet.redis.pid}, nothing saved to disk).`
      : redis
        ? "redis-server is not installed: the instances share an in-process coordinator instead (apt-get install redis-server for the real thing)."
        : "FLEET_REDIS=off: the instances share an in-process coordinator.",
  );
  console.log(
    `Fleet failure budget: ${FLEET_BUDGET.maxFailures} failures in ${seconds(FLEET_BUDGET.windowMs)}; ` +
      `the fake Venice locks the key after more than ${VENICE_ABUSE_LIMIT.maxFailures} (${fleet.veniceUrl}).`,
  );
  for (const { name, url } of fleet.instances) console.log(`Venice errors demo, ${name}: ${url}`);
  console.log(
    "Each instance serves the page; its Fleet panel and /api/fleet show the shared state.",
  );
  console.log("Press Ctrl-C to stop.");
}
