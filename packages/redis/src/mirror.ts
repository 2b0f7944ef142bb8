import type { VeniceError } from "@venice-errors/core";
import { budgetRefusal, cooldownRefusal, lockoutRefusal } from "./refusals.js";

/** One failed request: a unique id (so every process counts it once) and when it happened. */
export interface Failure {
  readonly id: string;
  readonly at: number;
}

/** A try in flight, and the budget slot (a member of the Redis set) it holds, if any. */
export interface Slot {
  member: string | undefined;
}

/** The limits a mirror judges by. */
export interface MirrorLimits {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxWaitMs: number;
}

/**
 * What `judge` decides from local state alone: refuse, wait, go (no failures in the window: no
 * Redis command), or ask the budget (failures in the window: reserve a slot).
 */
export type Verdict =
  | { readonly kind: "refuse"; readonly error: VeniceError }
  | { readonly kind: "wait"; readonly ms: number }
  | { readonly kind: "go" }
  | { readonly kind: "budget" };

const GO: Verdict = { kind: "go" };
const BUDGET: Verdict = { kind: "budget" };

/**
 * One API key's shared state as this process knows it: kept fresh by pub/sub while Redis is
 * there, and the whole truth (an in-process coordinator) while it is not.
 */
export class KeyMirror {
  /** Failures in the window, oldest first. */
  failures: Failure[] = [];
  readonly cooldowns = new Map<string, number>();
  lockedUntil = 0;
  /** This process's tries in flight (counted against the budget while Redis is away). */
  readonly slots = new Set<Slot>();
  /** Failures seen while Redis was away; sent with the next snapshot. */
  unsynced: Failure[] = [];
  /**
   * Budget slots that may be held in Redis by no try of this process (a reservation answered after
   * its timeout, a report that did not reach Redis); freed by the next snapshot, not by the lease.
   */
  stale: string[] = [];
  /** The first snapshot, while it loads. */
  loading: Promise<void> | undefined;

  constructor(readonly limits: MirrorLimits) {}

  /** Failures inside the window at `now` (drops older ones). */
  failuresAt(now: number): number {
    const cutoff = now - this.limits.windowMs;
    if (this.failures.length > 0 && this.failures[0]!.at <= cutoff) {
      this.failures = this.failures.filter((failure) => failure.at > cutoff);
    }
    return this.failures.length;
  }

  /** This process's tries in flight. */
  get inflight(): number {
    return this.slots.size;
  }

  /**
   * Gives every try in flight that holds no budget slot one (a new member name), so that Redis
   * counts the tries sent before failures were known. Returns the new members.
   */
  adopt(name: () => string): string[] {
    const members: string[] = [];
    for (const slot of this.slots) {
      if (slot.member !== undefined) continue;
      slot.member = name();
      members.push(slot.member);
    }
    return members;
  }

  addFailure(failure: Failure): void {
    if (this.failures.some((known) => known.id === failure.id)) return;
    this.failures.push(failure);
    this.failures.sort((a, b) => a.at - b.at);
  }

  /**
   * Adds Redis's list to the failures known here. A reply never takes a failure away: one heard on
   * pub/sub while the reply was on its way is newer than the reply (a replace lost it), and every
   * failure leaves by the window anyway.
   */
  mergeFailures(failures: readonly Failure[]): void {
    const known = new Set(this.failures.map((failure) => failure.id));
    const added = failures.filter((failure) => !known.has(failure.id));
    if (added.length === 0) return;
    this.failures = [...this.failures, ...added].sort((a, b) => a.at - b.at);
  }

  setCooldown(model: string, until: number): void {
    if (until > (this.cooldowns.get(model) ?? 0)) this.cooldowns.set(model, until);
  }

  lock(until: number): void {
    if (until > this.lockedUntil) this.lockedUntil = until;
  }

  /** Lock-out, then cooldown, then whether the budget must be asked. */
  judge(model: string, now: number): Verdict {
    if (this.lockedUntil > now)
      return { kind: "refuse", error: lockoutRefusal(this.lockedUntil - now) };
    const cooldown = this.cooldowns.get(model);
    if (cooldown !== undefined) {
      if (cooldown > now) {
        const ms = cooldown - now;
        return ms > this.limits.maxWaitMs
          ? { kind: "refuse", error: cooldownRefusal(ms) }
          : { kind: "wait", ms };
      }
      this.cooldowns.delete(model);
    }
    const failures = this.failuresAt(now);
    if (failures === 0) return GO;
    // Spent: failures only leave the window with time, so Redis has nothing better to say.
    return failures >= this.limits.maxFailures ? this.refuseBudget(now) : BUDGET;
  }

  /** The in-process budget: once failures are in the window, tries in flight count against it. */
  judgeLocally(now: number): Verdict {
    const failures = this.failuresAt(now);
    if (failures === 0 || failures + this.inflight < this.limits.maxFailures) return GO;
    return this.refuseBudget(now);
  }

  /** The refusal when the budget is spent: retry when the oldest failure leaves the window. */
  refuseBudget(now: number): Verdict {
    const failures = this.failuresAt(now);
    const oldest = this.failures[0]?.at ?? now;
    return {
      kind: "refuse",
      error: budgetRefusal(
        Math.max(1, oldest + this.limits.windowMs - now),
        failures,
        this.limits.windowMs,
      ),
    };
  }
}
