// A fleet of demo backends: several instances, one API key, one fake Venice with its abuse limit,
// and one Redis that makes the key's failure budget, cooldowns and lock-outs shared. Without a
// redis-server on the machine, the instances share an in-process coordinator instead.
import { createLocalCoordinator, keyIdOf } from "@venice-errors/node-client";
import { createRedisCoordinator } from "@venice-errors/redis";
import { startFakeVenice } from "@venice-errors/test-utils/server";
import { startDemo } from "./demo.js";
import { createLabScripts } from "./lab-scripts.js";
import { startRedisServer } from "./redis-server.js";
import { demoHandler } from "./replies.js";

/** The key every instance uses: the fake accepts any, the coordinator hashes it. */
const API_KEY = "demo-fake-key";
/** The fleet's failure budget: below the fake Venice's abuse limit (more than 20 in 30 s). */
export const FLEET_BUDGET = { maxFailures: 15, windowMs: 30_000 };
/** The fake Venice's abuse limit: Venice's own numbers. */
export const VENICE_ABUSE_LIMIT = { maxFailures: 20, windowMs: 30_000, blockMs: 30_000 };

/**
 * @param {{
 *   size?: number,
 *   port?: number,
 *   redis?: boolean,
 *   redisCommand?: string,
 *   distDir?: string,
 *   quiet?: boolean,
 *   log?: (line: string) => void,
 * }} [options]
 * `port`: the first instance's port, the next ones follow it; 0 (default) picks free ports.
 * `redis: false` skips Redis and uses the in-process coordinator.
 */
export async function startFleet(options = {}) {
  const size = options.size ?? 3;
  const log = options.log ?? ((line) => console.log(line));
  /** Everything started so far, stopped in reverse order by `close()`. */
  /** @type {(() => Promise<unknown>)[]} */
  const stops = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const redis =
      options.redis === false
        ? undefined
        : await startRedisServer(options.redisCommand ? { command: options.redisCommand } : {});
    if (redis) stops.push(redis.stop);

    const venice = await startFakeVenice({ seed: 7, abuseLimit: VENICE_ABUSE_LIMIT });
    stops.push(() => venice.close());
    const lab = createLabScripts();
    venice.setHandler(lab.handler(demoHandler));

    // Without Redis, one in-process coordinator for all instances: they run in this process.
    const local = redis ? undefined : createLocalCoordinator(FLEET_BUDGET);
    const keyId = keyIdOf(API_KEY);
    /** @type {{ name: string, url: string }[]} */
    const members = [];
    for (let index = 1; index <= size; index++) {
      const name = `instance ${index}`;
      const coordinator = redis
        ? createRedisCoordinator({
            url: redis.url,
            ...FLEET_BUDGET,
            logger: { warn: (message) => log(`[${name}] ${message}`) },
          })
        : undefined;
      if (coordinator) {
        stops.push(() => coordinator.close());
        await coordinator.ready();
      }
      const demo = await startDemo({
        port: options.port ? options.port + index - 1 : 0,
        distDir: options.distDir,
        quiet: options.quiet,
        shared: { venice, lab },
        coordinator: coordinator ?? local,
        fleet: {
          name,
          members: () => members,
          describe: () => ({
            coordinator: coordinator
              ? {
                  kind: "redis",
                  mode: coordinator.mode,
                  ...FLEET_BUDGET,
                  ...coordinator.inspect(keyId),
                }
              : { kind: "in-process", mode: "local", ...FLEET_BUDGET },
            venice: { ...VENICE_ABUSE_LIMIT, ...venice.abuse },
          }),
        },
      });
      stops.push(() => demo.close());
      members.push({ name, url: demo.url });
    }
    // Each instance asks for the models once, so each coordinator follows the key from the start.
    await Promise.all(
      members.map(({ url }) => fetch(`${url}/api/models`).then((r) => r.arrayBuffer())),
    );
    return {
      instances: members,
      redis: redis ? { url: redis.url, pid: redis.pid } : undefined,
      veniceUrl: venice.url,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
