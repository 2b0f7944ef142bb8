import { readJson } from "../answers.js";
import type { VeniceCaller } from "../caller.js";
import type { VeniceRequestOptions } from "../options.js";

/** The answer of `GET /api_keys/rate_limits`: the key's tier, balances and limits per model. */
export interface ApiKeyRateLimits {
  data: {
    accessPermitted: boolean;
    apiTier: { id: string; isCharged: boolean };
    balances: { USD?: number; DIEM?: number };
    keyExpiration: string | null;
    nextEpochBegins: string;
    rateLimits: Array<{
      apiModelId?: string;
      /** `type`: `RPM`, `RPD` or `TPM`. */
      rateLimits: Array<{ amount: number; type: "RPM" | "RPD" | "TPM" | (string & {}) }>;
    }>;
  };
}

/** `client.apiKeys`. */
export interface VeniceApiKeys {
  /** `GET /api_keys/rate_limits`. */
  rateLimits(options?: VeniceRequestOptions): Promise<ApiKeyRateLimits>;
}

export function createApiKeys(caller: VeniceCaller): VeniceApiKeys {
  return {
    rateLimits: (options = {}) =>
      caller.call("GET", "/api_keys/rate_limits", options, readJson) as Promise<ApiKeyRateLimits>,
  };
}
