import { QueryClient, QueryClientProvider, useMutation, useQuery } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { toVeniceError } from "@venice-errors/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { VeniceErrorProvider } from "./provider.js";
import { useVeniceQueryErrors, VeniceQueryErrors, veniceRetry } from "./tanstack-query.js";
import { VeniceToaster } from "./toaster.js";

/** What a queryFn throws after a failed Venice call. */
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  toVeniceError({ status, body, headers });

const outOfCredits = () => answer(402, { error: "Insufficient USD or Diem balance" });
const invalid = () => answer(400, { error: 'Invalid value for "model"' });
const rateLimited = (seconds: number) =>
  answer(429, { error: "Rate limit exceeded" }, { "retry-after": String(seconds) });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("veniceRetry with a real QueryClient", () => {
  let client: QueryClient;
  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient({ defaultOptions: { queries: veniceRetry({ maxRetries: 3 }) } });
  });
  afterEach(() => client.clear());

  /** Starts a query whose answers come from `answers` in turn (the last one repeats). */
  function fetchWith(answers: Array<() => Error | string>) {
    let calls = 0;
    const queryFn = async () => {
      const next = answers[Math.min(calls++, answers.length - 1)]?.();
      if (next instanceof Error) throw next;
      return next;
    };
    const settled = client.fetchQuery({ queryKey: ["venice", Math.random()], queryFn }).then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    );
    return { settled, calls: () => calls };
  }

  it.each([
    ["402 (billing)", outOfCredits],
    ["400 (validation)", invalid],
    ["401", () => answer(401, { error: "Authentication failed" })],
  ])("never retries a %s", async (_name, failure) => {
    const { settled, calls } = fetchWith([failure, () => "ok"]);
    await vi.runAllTimersAsync();
    expect(await settled).toMatchObject({ error: { status: failure().status } });
    expect(calls()).toBe(1);
  });

  it("waits as long as Retry-After asks before retrying a 429, then succeeds", async () => {
    const { settled, calls } = fetchWith([() => rateLimited(7), () => "ok"]);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(2);
    expect(await settled).toEqual({ data: "ok" });
  });

  it("gives up at once when the server's wait exceeds maxRetryAfterMs", async () => {
    client.setDefaultOptions({ queries: veniceRetry({ maxRetryAfterMs: 10_000 }) });
    const { settled, calls } = fetchWith([() => rateLimited(30), () => "ok"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await settled).toMatchObject({
      error: { code: "RATE_LIMIT_EXCEEDED", retryAfterMs: 30_000 },
    });
    expect(calls()).toBe(1);
  });

  it("retries a 503 with backoff, at most maxRetries times", async () => {
    client.setDefaultOptions({
      queries: veniceRetry({ maxRetries: 2, random: () => 0.5, baseDelayMs: 100 }),
    });
    const { settled, calls } = fetchWith([
      () => answer(503, { error: "The model is at capacity." }),
    ]);
    await vi.advanceTimersByTimeAsync(49);
    expect(calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 0.5 × 100 ms
    expect(calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(100); // 0.5 × 200 ms
    expect(calls()).toBe(3);
    await vi.runAllTimersAsync();
    expect(calls()).toBe(3);
    expect(await settled).toMatchObject({ error: { code: "MODEL_AT_CAPACITY" } });
  });

  it("classifies whatever the queryFn throws (a fetch TypeError is retried)", () => {
    const { retry } = veniceRetry();
    expect(retry(0, new TypeError("Failed to fetch"))).toBe(true);
    expect(retry(3, new TypeError("Failed to fetch"))).toBe(false);
    expect(retry(0, { status: 402 })).toBe(false);
  });
});

function Credits() {
  const query = useQuery({
    queryKey: ["credits"],
    queryFn: () => Promise.reject(outOfCredits()),
  });
  return <p>{query.status}</p>;
}
function Generate() {
  const mutation = useMutation({ mutationFn: () => Promise.reject(invalid()) });
  return (
    <button type="button" onClick={() => mutation.mutate()}>
      generate
    </button>
  );
}
function Quiet() {
  const query = useQuery({
    queryKey: ["quiet"],
    queryFn: () => Promise.reject(rateLimited(1)),
    meta: { veniceToast: false },
  });
  return <p>quiet {query.status}</p>;
}
function Listener() {
  useVeniceQueryErrors();
  return null;
}

describe("useVeniceQueryErrors: errors reach the toaster", () => {
  function renderApp(client: QueryClient, children: React.ReactNode, listener = <Listener />) {
    return render(
      <QueryClientProvider client={client}>
        <VeniceErrorProvider>
          {listener}
          {children}
          <VeniceToaster />
        </VeniceErrorProvider>
      </QueryClientProvider>,
    );
  }

  it("a failed query (402, not retried) shows the billing toast once", async () => {
    const client = new QueryClient({ defaultOptions: { queries: veniceRetry() } });
    renderApp(client, <Credits />);
    expect(await screen.findByText("Out of credits")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Add credits" })).toBeTruthy();
    expect(screen.getAllByText("Out of credits")).toHaveLength(1);
    client.clear();
  });

  it("a failed mutation shows its toast with the server's detail, as text", async () => {
    const client = new QueryClient({ defaultOptions: { mutations: veniceRetry() } });
    renderApp(client, <Generate />, <VeniceQueryErrors />);
    act(() => screen.getByRole("button", { name: "generate" }).click());
    expect(await screen.findByText("Request not valid")).toBeTruthy();
    expect(screen.getByText('Invalid value for "model"')).toBeTruthy();
    client.clear();
  });

  it("meta.veniceToast = false keeps a query's error out of the toasts", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    renderApp(client, <Quiet />);
    expect(await screen.findByText("quiet error")).toBeTruthy();
    expect(document.querySelectorAll(".venice-toast")).toHaveLength(0);
    client.clear();
  });
});
