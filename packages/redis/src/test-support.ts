import { toVeniceError } from "@venice-errors/core";
import type { CoordinatedOutcome, CoordinatedTry } from "@venice-errors/node-client";
import { createClient } from "redis";

/** A try as node-client makes one (a new object per try). */
export function aTry(keyId = "k1", model: string | undefined = "m"): CoordinatedTry {
  return { keyId, model, method: "POST", path: "/chat/completions", attempt: 1 };
}

/** An HTTP answer as node-client reports it. */
export function anAnswer(
  status: number,
  headers: Record<string, string> = {},
  body: unknown = { error: "Invalid request parameters" },
): CoordinatedOutcome {
  return {
    status,
    headers: new Headers(headers),
    ...(status >= 400 ? { error: toVeniceError({ status, headers, body }) } : {}),
  };
}

export const OK = anAnswer(200, { "x-ratelimit-remaining-requests": "499" });
export const BAD_REQUEST = anAnswer(400);

/** Calls per command since the last `CONFIG RESETSTAT`, from `INFO commandstats`. */
export async function commandStats(url: string): Promise<Record<string, number>> {
  const admin = createClient({ url });
  await admin.connect();
  try {
    const info = await admin.info("commandstats");
    const stats: Record<string, number> = {};
    for (const match of info.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g))
      stats[match[1]!] = Number(match[2]);
    return stats;
  } finally {
    await admin.close();
  }
}

/** Runs one admin command against the server. */
export async function admin(url: string, ...args: string[]): Promise<unknown> {
  const client = createClient({ url });
  await client.connect();
  try {
    return await client.sendCommand(args);
  } finally {
    await client.close();
  }
}

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until the async `check` holds (polling), failing after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A logger that records its lines. */
export function recordingLogger() {
  const lines: Array<{ level: string; message: string; metadata: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, metadata: Record<string, unknown>) => {
    lines.push({ level, message, metadata });
  };
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}
