/** Deterministic ids for fakes: the same seed gives the same CF-RAYs, request ids and completion ids. */
export interface IdGenerator {
  /** The next pseudo-random number in [0, 1). */
  next(): number;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** A Cloudflare ray id as Venice sends it: 16 hex digits and a data-centre suffix (`8f2a…-SJC`). */
  cfRay(): string;
  /** A UUID-shaped request id (for `x-request-id` and `request_id`). */
  requestId(): string;
  /** An OpenAI-style completion id (`chatcmpl-…`). */
  completionId(): string;
}

const COLOS = ["SJC", "LAX", "IAD", "FRA", "AMS", "LHR", "NRT", "SIN"] as const;

/** mulberry32: tiny, fast and good enough for ids that only need to look random. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from any string (FNV-1a), so each code gets its own default ids. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Creates a seeded id generator; share one between calls to get a sequence of distinct ids. */
export function createIdGenerator(seed = 1): IdGenerator {
  const next = mulberry32(seed);
  const hex = (length: number) => {
    let out = "";
    while (out.length < length) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    hex,
    cfRay: () => `${hex(16)}-${COLOS[Math.floor(next() * COLOS.length)]}`,
    requestId: () =>
      `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
    completionId: () => `chatcmpl-${hex(32)}`,
  };
}

/** Where factories get ids from: a shared generator, a seed, or a default derived from `fallbackKey`. */
export interface IdOptions {
  /** Seed for a fresh generator: the same seed gives the same ids on every call. */
  seed?: number;
  /** A generator to draw from (takes precedence over `seed`); share one to get distinct ids. */
  ids?: IdGenerator;
}

/** Resolves `IdOptions` to a generator. */
export function resolveIds(options: IdOptions, fallbackKey: string): IdGenerator {
  return options.ids ?? createIdGenerator(options.seed ?? seedFrom(fallbackKey));
}
