export type { RedisConnection } from "./connection.js";
export {
  createRedisCoordinator,
  type KeyStateView,
  type RedisCoordinator,
} from "./coordinator.js";
export type { CoordinatorMode } from "./link.js";
export type { RedisCoordinatorOptions } from "./options.js";
