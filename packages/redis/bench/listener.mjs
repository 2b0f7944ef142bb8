// The other process of the broadcast benchmark: for each model named on stdin, polls its mirror
// until that model has a cooldown, and prints the moment it saw it (performance time, ms).
import { createInterface } from "node:readline";
import { createRedisCoordinator } from "@venice-errors/redis";

const [url, keyPrefix] = process.argv.slice(2);
const coordinator = createRedisCoordinator({ url, keyPrefix });
await coordinator.ready();
const warm = { keyId: "bench-key", model: "warm", method: "POST", path: "/x", attempt: 1 };
await coordinator.acquire(warm);
coordinator.release(warm, { status: 200, headers: new Headers() });
console.log("ready");
const now = () => performance.timeOrigin + performance.now();
for await (const model of createInterface({ input: process.stdin })) {
  console.log("polling");
  await new Promise((resolve) => {
    const poll = () => {
      if (coordinator.inspect("bench-key").cooldowns[model] !== undefined) {
        console.log(String(now()));
        resolve();
      } else setImmediate(poll);
    };
    poll();
  });
}
await coordinator.close();
