import { readJson } from "../answers.js";
import type { VeniceCaller } from "../caller.js";
import type { VeniceRequestOptions } from "../options.js";

/** The answer of `GET /billing/balance`. */
export interface BillingBalance {
  canConsume: boolean;
  consumptionCurrency: "USD" | "VCU" | "DIEM" | null;
  balances: { diem: number | null; usd: number | null };
  diemEpochAllocation: number;
}

/** Query of `GET /billing/usage-analytics`: a lookback (`"7d"`, at most `"90d"`) or a date range. */
export interface UsageAnalyticsParams {
  lookback?: `${number}d`;
  /** `YYYY-MM-DD`; needs `endDate`. */
  startDate?: string;
  /** `YYYY-MM-DD`; needs `startDate`. */
  endDate?: string;
}

/** Spend of one model in `usageAnalytics`. */
export interface UsageByModel {
  modelName: string;
  unitType: string;
  modelType: string | null;
  totalUsd: number;
  totalDiem: number;
  totalUnits: number;
  breakdown?: Array<{ type: string; usd: number; diem: number; units: number }>;
}

/** The answer of `GET /billing/usage-analytics` (beta). */
export interface UsageAnalytics {
  lookback: string;
  byDate: Array<{ date: string; USD: number; DIEM: number }>;
  byModel: UsageByModel[];
  byModelDaily: Array<Record<string, number>>;
  topModels: string[];
  byKey: Array<{
    apiKeyId: string | null;
    description: string;
    totalUsd: number;
    totalDiem: number;
    totalUnits: number;
  }>;
  byKeyDaily: Array<Record<string, number>>;
  topKeyNames: string[];
}

/** `client.billing`. */
export interface VeniceBilling {
  /** `GET /billing/balance`. */
  balance(options?: VeniceRequestOptions): Promise<BillingBalance>;
  /** `GET /billing/usage-analytics`; a slow query is REQUEST_TIMEOUT (504: shorten the lookback). */
  usageAnalytics(
    params?: UsageAnalyticsParams,
    options?: VeniceRequestOptions,
  ): Promise<UsageAnalytics>;
}

export function createBilling(caller: VeniceCaller): VeniceBilling {
  return {
    balance: (options = {}) =>
      caller.call("GET", "/billing/balance", options, readJson) as Promise<BillingBalance>,
    usageAnalytics: (params = {}, options = {}) =>
      caller.call(
        "GET",
        "/billing/usage-analytics",
        { ...options, query: { ...params } },
        readJson,
      ) as Promise<UsageAnalytics>,
  };
}
