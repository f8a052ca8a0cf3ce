/** Time is an input: everything that needs "now" is handed a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests, `tick --at` and benchmarks. */
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
