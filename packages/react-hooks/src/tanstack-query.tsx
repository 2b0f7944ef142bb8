"use client";

import { type Mutation, type Query, type QueryClient, useQueryClient } from "@tanstack/react-query";
import { type RetryPolicy, retryDelay, toVeniceError, type VeniceError } from "@venice-errors/core";
import { useContext, useEffect, useRef } from "react";
import { VeniceErrorContext } from "./context.js";
import { retryAtOf } from "./countdown.js";

/** Options of `veniceRetry`. */
export interface VeniceRetryOptions extends Omit<RetryPolicy, "maxRetries"> {
  /** Retries after the first try (default 3, TanStack Query's own default). */
  maxRetries?: number;
}

/** `retry` and `retryDelay` for TanStack Query, as the catalog and the server decide. */
export interface VeniceRetry {
  retry: (failureCount: number, error: unknown) => boolean;
  retryDelay: (failureCount: number, error: unknown) => number;
}

/**
 * TanStack Query's `retry` and `retryDelay`, following the catalog and `Retry-After`: never
 * retries what a retry cannot fix (402 billing, 400 validation, 401/403, 404...), waits exactly
 * as long as the server asked, and gives up when that wait is longer than `maxRetryAfterMs`
 * (default 60 s), so the error (with `retryAfterMs`) reaches the person instead of a spinner.
 *
 * @example new QueryClient({ defaultOptions: { queries: veniceRetry({ maxRetries: 2 }) } })
 */
export function veniceRetry(options: VeniceRetryOptions = {}): VeniceRetry {
  const { maxRetries = 3, ...policy } = options;
  // TanStack counts failures before this one from 0; core counts retries from 1.
  const wait = (failureCount: number, error: unknown) =>
    retryDelay(toVeniceError(error), failureCount + 1, { ...policy, maxRetries });
  return {
    retry: (failureCount, error) => wait(failureCount, error) !== null,
    retryDelay: (failureCount, error) => wait(failureCount, error) ?? 0,
  };
}

/** Options of `useVeniceQueryErrors`. */
export interface VeniceQueryErrorsOptions {
  /** The client whose errors to show (default: the one from `QueryClientProvider`). */
  queryClient?: QueryClient;
  /**
   * Which final errors to toast (default: all but those of queries and mutations with
   * `meta: { veniceToast: false }`).
   */
  filter?: (error: VeniceError, source: Query | Mutation) => boolean;
}

type Source = { meta?: Record<string, unknown> | undefined };
const showByDefault = (_error: VeniceError, source: Source) => source.meta?.veniceToast !== false;

/**
 * Toasts every query and mutation error of a TanStack `QueryClient` through the nearest
 * `VeniceErrorProvider`, once per failure after the retries are spent (what a `QueryCache` /
 * `MutationCache` `onError` sees). It listens to the client's caches, so the client can be made
 * anywhere, outside the provider too. A failed query's toast offers "Try again" (refetch).
 * Call it once, in a component inside both providers.
 */
export function useVeniceQueryErrors(options: VeniceQueryErrorsOptions = {}): void {
  const client = useQueryClient(options.queryClient);
  const context = useContext(VeniceErrorContext);
  const filter = useRef(options.filter);
  filter.current = options.filter;

  useEffect(() => {
    const report = (thrown: unknown, source: Query | Mutation, retry?: () => void) => {
      const error = toVeniceError(thrown);
      if (!(filter.current ?? showByDefault)(error, source)) return;
      context.report(error, retry ? { retry } : {}, retryAtOf(error, context.clock.now()));
    };
    const stopQueries = client.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      const { query } = event;
      report(event.action.error, query, () => {
        // A failed refetch is reported again through this same listener.
        query.fetch().catch(() => {});
      });
    });
    // Mutations get no retry button: repeating one may do its work (and spend credits) twice.
    const stopMutations = client.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      report(event.action.error, event.mutation);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [client, context]);
}

/** `useVeniceQueryErrors()` as an element: `<VeniceQueryErrors />` inside both providers. */
export function VeniceQueryErrors(props: VeniceQueryErrorsOptions): null {
  useVeniceQueryErrors(props);
  return null;
}
