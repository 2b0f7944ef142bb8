import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What a raw test server records per request. */
export interface RawRequest {
  url: string;
  /** Resolves when the server-side connection of this request closed. */
  closed: Promise<void>;
}

/** A tiny node:http server on 127.0.0.1 for byte-level cases the fake Venice does not script. */
export interface RawServer {
  url: string;
  requests: RawRequest[];
  close(): Promise<void>;
}

/** Starts a server whose `handler` writes the answer itself. */
export async function startRawServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
    requests.push({ url: req.url ?? "/", closed });
    req.resume();
    req.on("end", () => void handler(req, res));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `parts` one by one, a macrotask apart, so they tend to arrive as separate chunks. */
export async function writeSlowly(
  res: ServerResponse,
  parts: Array<string | Buffer>,
): Promise<void> {
  for (const part of parts) {
    if (res.destroyed) return;
    res.write(part);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Resolves with a free port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A `sleep` that records the requested waits and returns at once (still honouring abort). Pass
 * `advance` to move a virtual clock by each wait, so the client's clock agrees with its sleeps.
 */
export function recordingSleep(advance?: (ms: number) => void): {
  waits: number[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      advance?.(ms);
      return Promise.resolve();
    },
  };
}

/** A clock for tests: `now()` is `at`, which tests and `recordingSleep` move. */
export function virtualClock(start = Date.now()): { at: number; now: () => number } {
  const clock = {
    at: start,
    now: () => clock.at,
  };
  return clock;
}

/** A logger that keeps every call. */
export function recordingLogger(): {
  lines: Array<{ level: string; message: string; metadata: Record<string, unknown> }>;
  logger: Record<
    "debug" | "info" | "warn" | "error",
    (m: string, meta: Record<string, unknown>) => void
  >;
} {
  const lines: Array<{ level: string; message: string; metadata: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, metadata: Record<string, unknown>) => {
    lines.push({ level, message, metadata });
  };
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

/** Resolves once `condition()` holds (polled every 2 ms); rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
