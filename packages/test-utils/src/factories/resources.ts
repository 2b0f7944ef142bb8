import type { IdGenerator } from "./ids.js";

/** A deterministic embedding vector (values in [-1, 1)) for `input`. */
function vectorFor(input: string, dimensions: number): number[] {
  let state = 2166136261;
  for (let i = 0; i < input.length; i++) state = Math.imul(state ^ input.charCodeAt(i), 16777619);
  return Array.from({ length: dimensions }, () => {
    state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) >>> 0;
    return Math.round(((state / 4294967296) * 2 - 1) * 1e6) / 1e6;
  });
}

/** The answer of `POST /embeddings` for `input` (one vector per string). */
export function embeddingList(options: { model?: string; input: unknown; dimensions?: number }) {
  const inputs = Array.isArray(options.input) ? options.input : [options.input];
  const texts = inputs.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
  const tokens = texts.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return {
    object: "list" as const,
    model: options.model ?? "text-embedding-bge-m3",
    data: texts.map((text, index) => ({
      object: "embedding" as const,
      index,
      embedding: vectorFor(text, options.dimensions ?? 8),
    })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** The characters the fake knows (`GET /characters/{slug}` answers 404 for any other slug). */
export function fakeCharacters(now: number) {
  const at = new Date(now - 86_400_000 * 30).toISOString();
  const character = (slug: string, name: string, tags: string[]) => ({
    id: `00000000-0000-4000-8000-${slug.length.toString(16).padStart(12, "0")}`,
    slug,
    name,
    description: `${name}, a fake Venice character.`,
    author: "k3x9q",
    adult: false,
    featured: slug === "alan-watts",
    webEnabled: true,
    modelId: "venice-uncensored",
    tags,
    shareUrl: `https://venice.ai/c/${slug}`,
    photoUrl: null,
    createdAt: at,
    updatedAt: at,
    stats: { averageRating: 4.7, imports: 112, ratingCount: 24, ratingSum: 113, userRating: null },
  });
  return [
    character("alan-watts", "Alan Watts", ["Philosophy"]),
    character("venice", "Venice", ["Assistant"]),
  ];
}

/** The answer of `GET /api_keys/rate_limits`. */
export function apiKeyRateLimits(now: number) {
  return {
    data: {
      accessPermitted: true,
      apiTier: { id: "paid", isCharged: true },
      balances: { USD: 50.23, DIEM: 100.023 },
      keyExpiration: null,
      nextEpochBegins: new Date(Math.ceil(now / 86_400_000) * 86_400_000).toISOString(),
      rateLimits: [
        {
          apiModelId: "venice-uncensored",
          rateLimits: [
            { amount: 500, type: "RPM" },
            { amount: 1_000_000, type: "TPM" },
          ],
        },
      ],
    },
  };
}

/** The answer of `GET /billing/balance`. */
export function billingBalance() {
  return {
    canConsume: true,
    consumptionCurrency: "DIEM" as const,
    balances: { diem: 90.5, usd: 25 },
    diemEpochAllocation: 100,
  };
}

/** The answer of `GET /billing/usage-analytics`. */
export function usageAnalytics(now: number, lookback = "7d") {
  const day = new Date(now).toISOString().slice(0, 10);
  return {
    lookback,
    byDate: [{ date: day, USD: 0.5, DIEM: 10.25 }],
    byModel: [
      {
        modelName: "Venice Uncensored",
        unitType: "tokens",
        modelType: "LLM",
        totalUsd: 0.5,
        totalDiem: 10.25,
        totalUnits: 50_000,
      },
    ],
    byModelDaily: [{ date: Date.parse(day), "Venice Uncensored": 10.75 }],
    topModels: ["Venice Uncensored"],
    byKey: [
      {
        apiKeyId: "key_fake",
        description: "Fake key",
        totalUsd: 0.5,
        totalDiem: 10.25,
        totalUnits: 50_000,
      },
    ],
    byKeyDaily: [{ date: Date.parse(day), "Fake key": 10.75 }],
    topKeyNames: ["Fake key"],
  };
}

/** The answer of `POST /audio/transcriptions` for a file of `size` bytes. */
export function transcription(size: number, timestamps = false) {
  const text = "Hello from the fake Venice API.";
  return {
    text,
    duration: Math.max(1, Math.round(size / 16_000)),
    ...(timestamps ? { timestamps: { segment: [{ text, start: 0, end: 1.5 }] } } : {}),
  };
}

/** A Responses API response object whose output is one message with `text`. */
export function responseObject(options: {
  ids?: IdGenerator;
  now: number;
  model?: string;
  text: string;
  status?: "completed" | "in_progress" | "failed";
  id?: string;
  error?: { code: string; message: string };
}) {
  const id = options.id ?? `resp_${options.ids?.hex(24) ?? "0"}`;
  const status = options.status ?? "completed";
  const message = {
    type: "message" as const,
    id: `msg_${id.slice(5)}`,
    status: status === "in_progress" ? ("in_progress" as const) : ("completed" as const),
    role: "assistant" as const,
    content: [{ type: "output_text" as const, text: options.text, annotations: [] }],
  };
  const tokens = Math.max(1, Math.ceil(options.text.length / 4));
  return {
    id,
    object: "response" as const,
    created_at: Math.floor(options.now / 1000),
    model: options.model ?? "venice-uncensored",
    status,
    output: status === "in_progress" || options.text === "" ? [] : [message],
    usage: { input_tokens: 10, output_tokens: tokens, total_tokens: 10 + tokens },
    ...(options.error ? { error: options.error } : {}),
  };
}
