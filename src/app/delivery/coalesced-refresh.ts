// One refresh per key at a time, and at most one per `spacingMs` after it: requests that come
// meanwhile are folded into one more refresh at the end. Every delivered Slack notice asks for its
// recipient's App Home to be refreshed (the home lists open notices); in a fan-out a person gets a
// notice a second (Slack's per-channel limit), and a refresh — the home query, rendering, one
// `views.publish` — cost the elected sender about half its CPU per notice (decision 17.s10r-1). The
// first request refreshes at once; the last one is never lost (a trailing refresh always follows);
// `settle()` runs the trailing ones without waiting out the spacing (a process stopping).
import type { Timer } from "../../ports/timer.ts";

interface Entry {
  again: boolean;
  running: Promise<void>;
  wait: AbortController | undefined;
}

export class CoalescedRefresh {
  readonly #entries = new Map<string, Entry>();
  #settling = false;

  constructor(
    private readonly refresh: (key: string) => Promise<unknown>,
    private readonly timer: Timer,
    private readonly spacingMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Refreshes `key` now, or once more after the refresh under way (and the spacing) if one is. */
  request(key: string): void {
    const entry = this.#entries.get(key);
    if (entry) {
      entry.again = true;
      return;
    }
    const fresh: Entry = { again: true, running: Promise.resolve(), wait: undefined };
    this.#entries.set(key, fresh);
    fresh.running = this.#run(key, fresh);
  }

  async #run(key: string, entry: Entry): Promise<void> {
    try {
      while (entry.again) {
        entry.again = false;
        const began = this.timer.nowMs();
        await this.refresh(key).catch(this.onError);
        const left = began + this.spacingMs - this.timer.nowMs();
        if (left > 0 && !this.#settling) {
          entry.wait = new AbortController();
          await this.timer.sleep(left, entry.wait.signal);
          entry.wait = undefined;
        }
      }
    } finally {
      this.#entries.delete(key);
    }
  }

  /** Refreshes still owed run at once; resolves when none is left. */
  async settle(): Promise<void> {
    this.#settling = true;
    try {
      while (this.#entries.size > 0) {
        const entries = [...this.#entries.values()];
        for (const entry of entries) entry.wait?.abort();
        await Promise.all(entries.map((e) => e.running));
      }
    } finally {
      this.#settling = false;
    }
  }

  /** Keys with a refresh under way or owed (tests). */
  get size(): number {
    return this.#entries.size;
  }
}
