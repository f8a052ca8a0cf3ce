// A clock that stands still until moved: for tests, `keypost tick --at` and benchmarks.
import type { Clock } from "../ports/clock.ts";

export class FixedClock implements Clock {
  #now: Date;
  constructor(at: Date | string) {
    this.#now = new Date(at);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(at: Date | string): void {
    this.#now = new Date(at);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}
