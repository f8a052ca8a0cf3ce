// The kick hook: a unit of work that, once a transaction that wrote a new notice or replaced a
// notice's card has committed, wakes the dispatcher — so a notice goes out, and every delivered
// copy of a card that moved on is updated in place, seconds after the change that caused it, not
// at the next poll or tick. Nothing else about the transaction changes.
import type { Outbox } from "../../ports/outbox.ts";
import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";

function watching(outbox: Outbox, wrote: () => void): Outbox {
  return new Proxy(outbox, {
    get(target, property, receiver) {
      if (property === "enqueue") {
        return async (...args: Parameters<Outbox["enqueue"]>) => {
          const fresh = await target.enqueue(...args);
          if (fresh) wrote();
          return fresh;
        };
      }
      if (property === "replaceCard") {
        return async (...args: Parameters<Outbox["replaceCard"]>) => {
          await target.replaceCard(...args);
          wrote();
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function kickOnEnqueue(uow: UnitOfWork, kick: () => void): UnitOfWork {
  return {
    run: async <T>(work: (tx: TxPorts) => Promise<T>): Promise<T> => {
      let wrote = false;
      const result = await uow.run((tx) => work({ ...tx, outbox: watching(tx.outbox, () => (wrote = true)) }));
      if (wrote) kick();
      return result;
    },
    read: (work) => uow.read(work),
  };
}
