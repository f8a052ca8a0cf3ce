// Lets the database write one chunk while the importer reads and checks the next. Writes are
// queued in order and the caller goes on at once — unless MAX_QUEUED writes are waiting already
// (an import into empty tables reads nothing, and would otherwise queue the whole file); any read
// waits for the writes before it (it may depend on them), and `flush` waits for all of them,
// failing if one failed. The database's work then overlaps the importer's parsing (two cores busy
// instead of one): PostgreSQL's server, or on SQLite the import's connection in a thread of its own
// (sqlite-thread-session.ts). Reads no write changes are best made before the first write
// (ImportContext.prefetch).
import type { RegisterRepository } from "../../ports/register-repository.ts";

const WRITES: ReadonlySet<string | symbol> = new Set([
  "insertUnits",
  "updateUnits",
  "insertEmployees",
  "updateEmployees",
  "clearEmails",
  "deleteRoleGrants",
  "insertRoleGrants",
  "deleteIdentities",
  "insertIdentities",
  "insertPosts",
  "updatePosts",
  "insertAssignments",
  "insertAssignmentsByCode",
  "updateAssignments",
  "insertClients",
  "updateClients",
  "endClientAssignments",
  "updateClientAssignmentStarts",
  "insertClientAssignments",
  "appendLog",
  "beginBulkLoad",
  "endBulkLoad",
] satisfies (keyof RegisterRepository)[]);

export interface WriteBehind {
  readonly repo: RegisterRepository;
  /** Waits for every queued write; throws the first failure. */
  flush(): Promise<void>;
}

/**
 * A first load's chunk queues two or three writes: this lets about five chunks wait behind a long
 * write (the employees' index builds, ~0.2 s at 100 000 employees) while the next file is read and
 * checked, instead of stopping the importer after one (decision 13.s12i-2).
 */
const MAX_QUEUED = 16;

export function writeBehind(target: RegisterRepository): WriteBehind {
  let pending: Promise<unknown> = Promise.resolve();
  const queued: Promise<unknown>[] = [];
  const repo = new Proxy(target, {
    get(object, name) {
      const value: unknown = Reflect.get(object, name);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (WRITES.has(name)) {
        return async (...args: unknown[]) => {
          // A write of an empty list writes nothing (the port says so): a first load's chunk has four
          // (no updates, no e-mails cleared, …) that would fill the queue as much as its inserts.
          if (Array.isArray(args[0]) && args[0].length === 0) return;
          pending = pending.then(() => method.apply(object, args));
          pending.catch(() => undefined); // the failure surfaces at the next read or flush
          queued.push(pending);
          while (queued.length > MAX_QUEUED) await queued.shift();
        };
      }
      return async (...args: unknown[]) => {
        await pending;
        return method.apply(object, args);
      };
    },
  });
  return {
    repo,
    flush: async () => {
      await pending;
    },
  };
}
