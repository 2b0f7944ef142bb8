import { createVeniceClient } from "@venice-errors/node-client";
import { createRedisCoordinator } from "@venice-errors/redis";

// One per process; every process of the app that uses this Redis shares the key's limits.
const coordinator = createRedisCoordinator({
  url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
});
const venice = createVeniceClient({ coordinator });

const completion = await venice.chat.completions.create({
  model: "llama-3.3-70b",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(completion.choices[0]?.message.content);

process.once("SIGTERM", () => void coordinator.close());
