// A PostgreSQL unit of work's BEGIN, named like the press's statements: once prepared on a connection
// it goes in the unit's first batch with the statements beside it (pg-batch.ts, decision 13.s14p-1),
// so it is not a simple query the server answers (and flushes) on its own.
import { named } from "./named-statement.ts";

export const BEGIN_TRANSACTION = named("kp_begin", "BEGIN");
