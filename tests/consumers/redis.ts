// What a user of @venice-errors/redis writes; type-checked against the packed package.
import type { VeniceCoordinator } from "@venice-errors/node-client";
import {
  createRedisCoordinator,
  type KeyStateView,
  type RedisCoordinator,
  type RedisCoordinatorOptions,
} from "@venice-errors/redis";
import { createClient } from "redis";

const options: RedisCoordinatorOptions = { url: "redis://127.0.0.1:6379", maxFailures: 10 };
export function make(): RedisCoordinator {
  return createRedisCoordinator(options);
}
export function fromClient(): VeniceCoordinator {
  // A node-redis client the user owns fits the `client` option as it is.
  return createRedisCoordinator({ client: createClient({ url: "redis://127.0.0.1:6379" }) });
}
export function view(coordinator: RedisCoordinator): KeyStateView {
  return coordinator.inspect("0123456789abcdef");
}
