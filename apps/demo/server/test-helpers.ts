import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));

/** A dist folder with a stand-in page, so server tests need no Vite build. */
export function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "venice-demo-dist-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>demo</title>");
  return dir;
}

export interface SseEvent {
  name: string;
  data: Record<string, unknown>;
}

/** Reads a whole `text/event-stream` body into its events. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const name = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines.find((line) => line.startsWith("data: "))?.slice(6) ?? "{}";
      return { name, data: JSON.parse(data) as Record<string, unknown> };
    });
}

export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The error a page revives from the backend's answer: the body's `error`, or the stream's `error` event's. */
export async function relayedJson(response: Response): Promise<Record<string, unknown>> {
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const last = (await readSse(response)).at(-1);
    return last?.name === "error" ? (last.data.error as Record<string, unknown>) : {};
  }
  return ((await response.json()) as { error: Record<string, unknown> }).error;
}

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a command in the demo's folder as `pnpm demo` does (no key, a random port, plus `env`)
 * and waits until it prints "Press Ctrl-C to stop."; kills it and throws if it does not in time.
 */
export async function startProcess(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; detached?: boolean; timeoutMs?: number } = {},
): Promise<Run> {
  const child = spawn(command, args, {
    cwd: APP,
    env: { ...process.env, PORT: "0", VENICE_API_KEY: "", ...options.env },
    // Its own process group, so a test can send a signal to all of it as a terminal's Ctrl-C does.
    detached: options.detached ?? false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!/Press Ctrl-C to stop/.test(stdout)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`${command} ${args.join(" ")} did not start:\n${stdout}\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
