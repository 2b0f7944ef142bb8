import type { SerializedVeniceError, VeniceAttempt, VeniceRateLimit } from "@venice-errors/core";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  model?: string;
  temperature?: number;
  /** A Failure lab scenario: the backend scripts the fake Venice server first. */
  scenario?: string;
  code?: string;
}

export interface CallRecord {
  id: number;
  scenario?: string;
  model?: string;
  startedAt: number;
  endedAt?: number;
  inFlight: boolean;
  outcome?: "ok" | "error";
  status?: number;
  code?: string;
  attempts: VeniceAttempt[];
}

export interface DemoStatus {
  mode: "fake" | "live";
  scenarios: boolean;
  rateLimits: VeniceRateLimit | null;
  lastCall: CallRecord | null;
  now: number;
}

/** True for the backend's relay of `VeniceError.toJSON()` (not one of the demo's own errors). */
export function isSerializedVeniceError(value: unknown): value is SerializedVeniceError {
  return (value as { name?: unknown } | null)?.name === "VeniceError";
}

/** Thrown for a failed call: carries the backend's relay of `VeniceError.toJSON()`. */
export class RelayedError extends Error {
  constructor(
    readonly json: SerializedVeniceError | { message: string },
    readonly midStream: boolean,
  ) {
    super(json.message);
  }
}

/**
 * Sends a chat (or a Failure lab scenario) and calls `onDelta` for each streamed token.
 * Resolves when the reply is complete; rejects with a `RelayedError` when it fails.
 */
export async function streamChat(
  request: ChatRequest,
  onDelta: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const path = request.scenario ? "/api/trigger" : "/api/chat";
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
    signal,
  });
  if (!response.ok || !response.body) {
    const json = await response.json().catch(() => ({ message: response.statusText }));
    throw new RelayedError(json, false);
  }
  for await (const event of readEvents(response.body)) {
    if (event.name === "delta") onDelta((event.data as { text: string }).text);
    else if (event.name === "error")
      throw new RelayedError(event.data as SerializedVeniceError, true);
  }
}

/** Parses a `text/event-stream` body into `{ name, data }` events. */
async function* readEvents(body: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data !== "") yield { name, data: JSON.parse(data) as unknown };
      end = buffer.indexOf("\n\n");
    }
  }
}

export async function fetchStatus(): Promise<DemoStatus> {
  const response = await fetch("/api/status", { cache: "no-store" });
  return (await response.json()) as DemoStatus;
}

export async function fetchModels(): Promise<string[]> {
  const response = await fetch("/api/models");
  if (!response.ok) return [];
  const { models } = (await response.json()) as { models: { id: string }[] };
  return models.map((model) => model.id);
}
