import { createHash } from "node:crypto";

/** Hashes already computed; a process uses few keys, a multi-tenant proxy may use many. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 1024;

/**
 * A stable id of an API key that cannot be turned back into it: the first 16 hex digits of its
 * SHA-256. Coordinators key their state by it, so the key itself never reaches them (or Redis).
 */
export function keyIdOf(apiKey: string): string {
  let id = cache.get(apiKey);
  if (id === undefined) {
    id = createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(apiKey, id);
  }
  return id;
}
