// The register repository (ports/register-repository.ts) on hand-written statements, and the store
// that runs an import in one transaction, committing only when the use case says so. The import
// issues no Prisma query: its transaction is one Keypost owns on the driver (decision 13.s9i-1),
// unless a prelude or postlude (the CLI's reference and history files) needs Prisma's models in it.
import type { LogEntryInput } from "../../../ports/audit-log.ts";
import type { BulkKind, RegisterRepository, RegisterStore } from "../../../ports/register-repository.ts";
import { appendLogEntryOn } from "../audit-log-writer.ts";
import type { Database, Provider, Tx } from "../database.ts";
import type { SqlSession } from "../sql-session.ts";
import * as people from "./prisma-register-people.ts";
import * as posts from "./prisma-register-posts.ts";
import { RegisterSql, type InsertMode } from "./register-sql.ts";
import { bulkLoadCatalog, bulkTables, dropForBulkLoad, restoreStatements, type Dropped } from "./bulk-load-indexes.ts";

type Args<F> = F extends (sql: RegisterSql, ...args: infer A) => unknown ? A : never;

export class PrismaRegisterRepository implements RegisterRepository {
  readonly #sql: RegisterSql;
  readonly #bulk: boolean;
  /** The indexes (and foreign keys) dropped for a bulk load, by kind, until endBulkLoad puts them back. */
  readonly #dropped = new Map<BulkKind, Dropped>();

  constructor(provider: Provider, session: SqlSession, options: { legacyWrites?: boolean } = {}) {
    const mode: InsertMode = options.legacyWrites ? "json" : "bulk";
    this.#sql = new RegisterSql(provider, session, mode);
    this.#bulk = !options.legacyWrites;
  }

  /** The catalogs read ahead by prepareBulkLoad, by kind. */
  readonly #catalogs = new Map<BulkKind, Promise<Dropped>>();

  async prepareBulkLoad(kinds: readonly BulkKind[]): Promise<void> {
    if (!this.#bulk) return;
    for (const kind of kinds) {
      if (this.#catalogs.has(kind)) continue;
      const catalog = bulkLoadCatalog(this.#sql, kind);
      catalog.catch(() => undefined); // a failure surfaces in beginBulkLoad
      this.#catalogs.set(kind, catalog);
    }
    await Promise.all(this.#catalogs.values());
  }

  async beginBulkLoad(kind: BulkKind): Promise<void> {
    if (!this.#bulk || this.#dropped.has(kind)) return;
    const tables = bulkTables(kind);
    this.#sql.before((table) => tables.includes(table)); // its catalog as migrated, not mid-restore
    const catalog = this.#catalogs.get(kind);
    this.#catalogs.delete(kind); // read once: a second bulk load of the kind reads the catalog again
    this.#dropped.set(kind, await dropForBulkLoad(this.#sql, kind, catalog));
  }

  /**
   * Puts the kind's indexes and foreign keys back. On PostgreSQL the statements are put off until a
   * write or a read of those tables needs them (RegisterSql.defer, decision 13.s12g-2): the next file's
   * first reads (other tables) go before them, and the server builds the indexes while this process
   * reads and checks that file's rows. `settle` sends them at the latest.
   */
  async endBulkLoad(kind: BulkKind): Promise<void> {
    const dropped = this.#dropped.get(kind);
    if (!dropped) return;
    this.#dropped.delete(kind);
    await this.#sql.defer(bulkTables(kind), restoreStatements(dropped));
  }

  /** Sends whatever was put off and waits for every write's answer; throws the first refusal. */
  settle(): Promise<void> {
    return this.#sql.settle();
  }

  async isEmpty(kind: "employees" | "posts" | "assignments" | "clients"): Promise<boolean> {
    const table = { employees: "Employee", posts: "KeyPost", assignments: "Assignment", clients: "Client" }[kind];
    return (await this.#sql.all<{ one: unknown }>(`SELECT 1 AS "one" FROM "${table}" LIMIT 1`)).length === 0;
  }

  calendarIds = () => people.codeMap(this.#sql, "Calendar");
  policyIds = () => people.codeMap(this.#sql, "Policy");
  checklistTemplateIds = () => people.codeMap(this.#sql, "ChecklistTemplate");

  allUnits = () => people.allUnits(this.#sql);
  insertUnits = (...a: Args<typeof people.insertUnits>) => people.insertUnits(this.#sql, ...a);
  updateUnits = (...a: Args<typeof people.updateUnits>) => people.updateUnits(this.#sql, ...a);

  employeesByCode = (...a: Args<typeof people.employeesByCode>) => people.employeesByCode(this.#sql, ...a);
  employeeCodesByEmail = (...a: Args<typeof people.employeeCodesByEmail>) =>
    people.employeeCodesByEmail(this.#sql, ...a);
  employeeCodesByIdentity = (...a: Args<typeof people.employeeCodesByIdentity>) =>
    people.employeeCodesByIdentity(this.#sql, ...a);
  employeeRefs = (...a: Args<typeof people.employeeRefs>) => people.employeeRefs(this.#sql, ...a);
  insertEmployees = (...a: Args<typeof people.insertEmployees>) => people.insertEmployees(this.#sql, ...a);
  updateEmployees = (...a: Args<typeof people.updateEmployees>) => people.updateEmployees(this.#sql, ...a);
  clearEmails = (...a: Args<typeof people.clearEmails>) => people.clearEmails(this.#sql, ...a);
  deleteRoleGrants = (...a: Args<typeof people.deleteRoleGrants>) => people.deleteRoleGrants(this.#sql, ...a);
  insertRoleGrants = (...a: Args<typeof people.insertRoleGrants>) => people.insertRoleGrants(this.#sql, ...a);
  deleteIdentities = (...a: Args<typeof people.deleteIdentities>) => people.deleteIdentities(this.#sql, ...a);
  insertIdentities = (...a: Args<typeof people.insertIdentities>) => people.insertIdentities(this.#sql, ...a);

  postsByCode = (...a: Args<typeof posts.postsByCode>) => posts.postsByCode(this.#sql, ...a);
  postIdsByCode = (...a: Args<typeof posts.postIdsByCode>) => posts.postIdsByCode(this.#sql, ...a);
  insertPosts = (...a: Args<typeof posts.insertPosts>) => posts.insertPosts(this.#sql, ...a);
  updatePosts = (...a: Args<typeof posts.updatePosts>) => posts.updatePosts(this.#sql, ...a);
  assignmentsOf = (...a: Args<typeof posts.assignmentsOf>) => posts.assignmentsOf(this.#sql, ...a);
  insertAssignments = (...a: Args<typeof posts.insertAssignments>) => posts.insertAssignments(this.#sql, ...a);
  insertAssignmentsByCode = (...a: Args<typeof posts.insertAssignmentsByCode>) =>
    posts.insertAssignmentsByCode(this.#sql, ...a);
  updateAssignments = (...a: Args<typeof posts.updateAssignments>) => posts.updateAssignments(this.#sql, ...a);
  clientsByCode = (...a: Args<typeof posts.clientsByCode>) => posts.clientsByCode(this.#sql, ...a);
  insertClients = (...a: Args<typeof posts.insertClients>) => posts.insertClients(this.#sql, ...a);
  updateClients = (...a: Args<typeof posts.updateClients>) => posts.updateClients(this.#sql, ...a);
  endClientAssignments = (...a: Args<typeof posts.endClientAssignments>) => posts.endClientAssignments(this.#sql, ...a);
  updateClientAssignmentStarts = (...a: Args<typeof posts.updateClientAssignmentStarts>) =>
    posts.updateClientAssignmentStarts(this.#sql, ...a);
  insertClientAssignments = (...a: Args<typeof posts.insertClientAssignments>) =>
    posts.insertClientAssignments(this.#sql, ...a);

  async appendLog(entry: LogEntryInput): Promise<void> {
    this.#sql.sendDeferred();
    await appendLogEntryOn(this.#sql.session, this.#sql.provider, entry);
  }
}

/** Thrown inside the transaction to roll it back while handing the result out. */
class RollBack<T> {
  constructor(readonly result: T) {}
}

/** An import may run for minutes on a large register: Prisma's 5 s default would cut it off. */
const IMPORT_TIMEOUT_MS = 60 * 60_000;

export interface RegisterStoreOptions {
  /**
   * Runs first, in the import's own transaction: the reference files (calendars, checklists,
   * policies) of the same command, so that the command writes all or nothing. It may throw to
   * roll everything back.
   */
  readonly prelude?: (tx: Tx) => Promise<void>;
  /** Runs last, in the same transaction, after the register rows (history that names them). */
  readonly postlude?: (tx: Tx, result: unknown) => Promise<void>;
  /** Commit even when the register itself changed nothing (the prelude did), given the result. */
  readonly alsoCommit?: (result: unknown) => boolean;
  /**
   * The writes as they were before session 8 (one JSON parameter per batch, every index kept row
   * by row): only the equivalence test uses it, to show the fast writes give the same database.
   */
  readonly legacyWrites?: boolean;
}

export class PrismaRegisterStore implements RegisterStore {
  constructor(
    private readonly db: Database,
    private readonly options: RegisterStoreOptions = {},
  ) {}

  async transaction<T>(work: (repo: RegisterRepository) => Promise<T>, commit: (result: T) => boolean): Promise<T> {
    const { prelude, postlude } = this.options;
    const run = async (session: SqlSession, tx?: Tx) => {
      if (tx) await prelude?.(tx);
      const repo = new PrismaRegisterRepository(this.db.provider, session, {
        legacyWrites: this.options.legacyWrites ?? false,
      });
      const result = await work(repo);
      // Writes left in flight (PostgreSQL) are answered before the result is judged: a refused one
      // fails the import here, as it failed its write before they were pipelined.
      await repo.settle();
      if (tx) await postlude?.(tx, result);
      if (!commit(result) && !(this.options.alsoCommit?.(result) ?? false)) throw new RollBack(result);
      return result;
    };
    try {
      // Prisma only when a prelude or postlude writes through its models: opening Prisma's client
      // loads its query compiler (~35 MB resident, decision 13.s9i-1), which the register rows never use.
      if (!prelude && !postlude) return await this.db.driverTransaction((session) => run(session));
      return await this.db.transaction((tx, session) => run(session, tx), { timeoutMs: IMPORT_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof RollBack) return error.result as T;
      throw error;
    }
  }
}
