// Virtual time for dispatcher tests and the fan-out benchmark's unit tests: a wall clock (Clock) and
// a monotonic timer (Timer) that move together, only when told to or when every sleeper is waiting
// and `idle()` says nothing else is under way (no send in flight) — so that a request reaches the fake
// platform at the very instant its grant was given, and every figure is the same on every run.
import type { Clock } from "../../src/ports/clock.ts";
import type { Timer } from "../../src/ports/timer.ts";

interface Sleeper {
  readonly deadline: number;
  readonly resolve: () => void;
}

export class VirtualTime implements Clock, Timer {
  #ms = 0;
  readonly #epoch: number;
  #sleepers: Sleeper[] = [];
  #scheduled = false;
  #idle: () => boolean = () => true;

  constructor(at: string) {
    this.#epoch = new Date(at).getTime();
  }

  /** Time moves on by itself only while `idle()` holds (e.g. no send in flight). */
  whenIdle(idle: () => boolean): void {
    this.#idle = idle;
  }

  now(): Date {
    return new Date(this.#epoch + this.#ms);
  }

  nowMs(): number {
    return this.#ms;
  }

  set(at: Date | string): void {
    this.#ms = Math.max(this.#ms, new Date(at).getTime() - this.#epoch);
    this.#wakeDue();
  }

  advance(ms: number): void {
    this.#ms += Math.max(0, ms);
    this.#wakeDue();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = { deadline: this.#ms + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
      this.#schedule();
    });
  }

  /** Sleepers waiting (a stopped dispatcher leaves none). */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  #wakeDue(): void {
    const due = this.#sleepers.filter((s) => s.deadline <= this.#ms);
    this.#sleepers = this.#sleepers.filter((s) => s.deadline > this.#ms);
    for (const s of due) s.resolve();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#sleepers.length === 0) return;
      if (this.#idle()) {
        this.#ms = Math.max(this.#ms, Math.min(...this.#sleepers.map((s) => s.deadline)));
        this.#wakeDue();
      }
      if (this.#sleepers.length > 0) this.#schedule();
    }, 1);
  }
}
