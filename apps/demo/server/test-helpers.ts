import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
