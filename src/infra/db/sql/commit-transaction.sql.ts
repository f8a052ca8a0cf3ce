// A PostgreSQL unit of work's COMMIT, named like the press's statements: once prepared on a connection
// it goes in the unit's last batch behind the writes left for it (pg-batch.ts, decision 13.s14p-1).
// COMMIT in an aborted transaction is answered ROLLBACK; COMMIT skipped in a batch after a refused
// statement leaves the transaction open and aborted, for the unit to roll back.
import { named } from "./named-statement.ts";

export const COMMIT_TRANSACTION = named("kp_commit", "COMMIT");
