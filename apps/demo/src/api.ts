import {
  parseVeniceError,
  toVeniceError,
  type VeniceAttempt,
  type VeniceRateLimit,
} from "@venice-errors/core";

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
  /** This instance's name in fleet mode (`pnpm --filter @venice-errors/demo fleet`), else null. */
  fleet: string | null;
  now: number;
}

/** One fleet instance's view of the shared key (`GET /api/fleet`). */
export interface FleetInstance {
  instance: string;
  unreachable?: boolean;
  coordinator?: {
    kind: "redis" | "in-process";
    mode: "redis" | "local";
    maxFailures: number;
    windowMs: number;
    failures?: number;
    cooldowns?: Record<string, number>;
    lockedUntil?: number;
  };
  venice?: { maxFailures: number; failures: number; lockouts: number; blockedUntil: number };
  log?: { id: number; at: number; scenario?: string; status: number; code: string }[];
  now?: number;
}

export interface FleetOverview {
  self: string;
  instances: FleetInstance[];
}

export async function fetchFleet(): Promise<FleetOverview> {
  const response = await fetch("/api/fleet", { cache: "no-store" });
  return (await okOrVeniceError(response)).json() as Promise<FleetOverview>;
}

/**
 * The backend's answer, or the `VeniceError` it relayed (`veniceErrorResponse` on the server,
 * `parseVeniceError` here: the same code, status, wait, request id and field errors).
 */
export async function okOrVeniceError(response: Response): Promise<Response> {
  if (!response.ok) throw await parseVeniceError(response);
  return response;
}

/**
 * Sends a chat (or a Failure lab scenario) and calls `onDelta` for each streamed token.
 * Resolves when the reply is complete; rejects with the relayed `VeniceError` when it fails.
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
  const { body } = await okOrVeniceError(response);
  if (!body) throw toVeniceError({ status: response.status, body: "" });
  for await (const event of readEvents(body)) {
    if (event.name === "delta") onDelta((event.data as { text: string }).text);
    // `veniceStreamErrorText` on the server: `{"error": <toJSON()>}`, status 200 (in-stream).
    else if (event.name === "error") throw toVeniceError(event.data);
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

/** The media examples: each one a backend route (`POST /api/image`, …). */
export type MediaKind = "image" | "speech" | "video";

export interface MediaRequest {
  prompt?: string;
  text?: string;
  voice?: string;
  /** A Failure lab scenario: the backend scripts the fake Venice server first. */
  scenario?: string;
}

/** Asks the backend for media: resolves to its bytes, rejects with the relayed `VeniceError`. */
export async function fetchMedia(
  kind: MediaKind,
  request: MediaRequest,
  signal?: AbortSignal,
): Promise<Blob> {
  const response = await fetch(`/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
    signal,
  });
  return (await okOrVeniceError(response)).blob();
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
