import { isVeniceError, type VeniceError } from "@venice-errors/core";
import {
  type FakeVenice,
  type FakeVeniceOptions,
  startFakeVenice,
} from "@venice-errors/test-utils/server";
import { createVeniceClient, type VeniceClient, type VeniceClientOptions } from "../client.js";
import { recordingSleep, virtualClock } from "./local-server.js";

export const KEY = "vk-test-0123456789abcdef";

/** A fake Venice and a client on it sharing one fake clock, which the client's waits advance. */
export interface Harness {
  venice: FakeVenice;
  client: VeniceClient;
  /** Every wait the client made (retry backoff and job polling), in ms. */
  waits: number[];
  /** The shared clock's current time (epoch ms). */
  now(): number;
  /** Moves the shared clock forward. */
  advance(ms: number): void;
  /** Makes another client on the same server and clock. */
  makeClient(options?: VeniceClientOptions): VeniceClient;
}

/** Starts a fake Venice (keyed with `KEY`) and a client on it; waits advance the clock, never sleep. */
export async function startHarness(
  options: { client?: VeniceClientOptions; server?: FakeVeniceOptions } = {},
): Promise<Harness> {
  let clock = Date.UTC(2026, 0, 1);
  const waits: number[] = [];
  const now = () => clock;
  const venice = await startFakeVenice({ apiKey: KEY, now, ...options.server });
  const sleep = (ms: number, signal?: AbortSignal) => {
    waits.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    clock += ms;
    return Promise.resolve();
  };
  const makeClient = (extra: VeniceClientOptions = {}) =>
    createVeniceClient({
      apiKey: KEY,
      baseURL: venice.url,
      now,
      sleep,
      failureBudget: false,
      ...options.client,
      ...extra,
    });
  const advance = (ms: number) => {
    clock += ms;
  };
  return { venice, client: makeClient(), waits, now, advance, makeClient };
}

/**
 * A client on `venice` (keyed with `KEY`) whose waits are recorded instead of slept; they move its
 * own virtual clock (`clock.at`), so cooldowns end when the waits say. Unlike `startHarness`, the
 * failure budget keeps its default and each client has its own clock unless one is passed.
 */
export function recordingClient(
  venice: { url: string },
  options: VeniceClientOptions = {},
  clock = virtualClock(),
) {
  const sleeper = recordingSleep((ms) => {
    clock.at += ms;
  });
  const client = createVeniceClient({
    apiKey: KEY,
    baseURL: venice.url,
    sleep: sleeper.sleep,
    now: clock.now,
    ...options,
  });
  return Object.assign(client, { waits: sleeper.waits, clock });
}

/** The `VeniceError` a promise rejects with (fails the test when it resolves or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<VeniceError> {
  try {
    await promise;
  } catch (error) {
    if (isVeniceError(error)) return error;
    throw error;
  }
  throw new Error("expected a VeniceError");
}

/** PNG signature bytes. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
