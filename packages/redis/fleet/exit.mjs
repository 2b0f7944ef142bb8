// A process that uses the coordinator and ends WITHOUT calling close(): it must still exit.
// Prints one JSON line (ready, mode, requests answered). Runs the BUILT package.
import { createRedisCoordinator } from "@venice-errors/redis";

const coordinator = createRedisCoordinator({ url: process.argv[2], maxFailures: 5 });
const ready = await coordinator.ready(Number(process.argv[3] ?? 2000));
let answered = 0;
for (let i = 0; i < 4; i++) {
  const attempt = {
    keyId: "exit",
    model: "m",
    method: "POST",
    path: "/chat/completions",
    attempt: 1,
  };
  const decision = await coordinator.acquire(attempt);
  if (decision === undefined) answered++;
  coordinator.release(attempt, { status: i % 2 ? 200 : 400, headers: new Headers() });
}
process.stdout.write(`${JSON.stringify({ ready, mode: coordinator.mode, answered })}\n`);
