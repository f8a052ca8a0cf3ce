// A subject's notices, read once per transaction while nothing writes a notice. A press reads them
// twice (which notice carried the pressed button, then the use case's own read of the person's
// notices), one round trip each on PostgreSQL; the second read is answered from here. Every port
// of the transaction that writes notices (the outbox, the delivery queue, the scheduling queries)
// is wrapped so that any call to it forgets what was kept (prisma-unit-of-work.ts): a stale answer
// is impossible by construction, at the price of forgetting more often than needed.
import type { StoredNotice } from "../../ports/outbox.ts";

export class NoticeMemo {
  #key: string | undefined;
  #notices: readonly StoredNotice[] = [];

  get(subjectType: string, subjectId: string): StoredNotice[] | undefined {
    return this.#key === `${subjectType}\u0000${subjectId}` ? [...this.#notices] : undefined;
  }

  keep(subjectType: string, subjectId: string, notices: readonly StoredNotice[]): void {
    this.#key = `${subjectType}\u0000${subjectId}`;
    this.#notices = [...notices];
  }

  forget(): void {
    this.#key = undefined;
    this.#notices = [];
  }

  /** `port` with every method call forgetting first (for ports that may write notices). */
  forgetting<T extends object>(port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          this.forget();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}
