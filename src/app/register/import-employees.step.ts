// Employees, streamed in chunks: each chunk's rows are checked, the existing employees and the
// owners of their e-mails and chat ids looked up in a few queries, and the changes written in
// batches. A row whose e-mail or chat id still belongs to someone the file has not reached yet
// (two people swapping addresses, say) waits until the end of the files, when it is retried.
import type {
  ChatPlatform,
  EmployeeFields,
  EmployeeRecord,
  NewIdentity,
  NewRoleGrant,
  RoleGrantRecord,
} from "../../ports/register-repository.ts";
import {
  createdLine,
  employeeChange,
  identitiesOf,
  identityKey,
  newEmployee,
  type EmployeeChange,
  type ResolvedEmployee,
} from "./employee-changes.ts";
import { FirstSeen } from "./first-seen.ts";
import { CHUNK_ROWS, type ImportContext, type Located } from "./import-context.ts";
import type { EmployeeRow } from "../../ports/register-rows.ts";
import type { RegisterSource } from "../../ports/register-source.ts";

interface Candidate extends ResolvedEmployee {
  readonly at: Located<EmployeeRow>;
  /** Captured when the row had to wait, before anything was released. */
  readonly before?: EmployeeRecord;
}

interface Seen {
  /** Codes of the files' employees (rows read so far). */
  readonly codes: FirstSeen;
  readonly waiting: Map<string, Candidate>;
  /** No employee existed before this import: nothing to look up (duplicates are caught in memory). */
  readonly fresh: boolean;
}

const COLUMN_OF: Record<ChatPlatform, string> = { slack: "slack_user_id", teams: "teams_aad_object_id" };

/** A row's references, resolved into a reusable object (a first load makes none per row). */
interface Resolving {
  row: EmployeeRow;
  unitId: string;
  grants: readonly RoleGrantRecord[];
}

/** Checks a row's keys and references into `into`; false (reported) when the row cannot be taken. */
function check(
  ctx: ImportContext,
  at: Located<EmployeeRow>,
  emails: FirstSeen,
  identities: FirstSeen,
  into: Resolving,
): boolean {
  const { row } = at;
  let ok = true;
  if (row.email !== null) {
    const first = emails.check(row.email, at);
    if (first) {
      ctx.error(at.file, at.line, "email", `e-mail ${row.email} is also given on ${first}`);
      ok = false;
    }
  }
  for (const id of row.slackUserIds) ok = claimOnce(ctx, at, identities, "slack", id) && ok;
  for (const id of row.teamsObjectIds) ok = claimOnce(ctx, at, identities, "teams", id) && ok;
  const unit = ctx.units.get(row.unitCode);
  if (!unit) {
    ctx.unknown("units", row.unitCode, at, "unit_code", `unknown unit "${row.unitCode}"`);
    ok = false;
  }
  into.row = row;
  into.unitId = unit?.id ?? "";
  into.grants = NO_GRANTS;
  if (row.roles.length === 0) return ok && unit !== undefined;
  const grants = new Map<string, RoleGrantRecord>();
  for (const scope of row.roles) {
    const code = scope.unitCode ?? row.unitCode;
    const scopeUnit = ctx.units.get(code);
    if (scopeUnit) grants.set(`${scope.role}@${scopeUnit.id}`, { role: scope.role, unitId: scopeUnit.id });
    else if (scope.unitCode !== null) {
      ctx.unknown("units", code, at, "roles", `unknown unit "${code}" in ${scope.role}@${code}`);
      ok = false;
    }
  }
  into.grants = [...grants.values()];
  return ok && unit !== undefined;
}

function resolve(
  ctx: ImportContext,
  at: Located<EmployeeRow>,
  emails: FirstSeen,
  identities: FirstSeen,
): Candidate | undefined {
  const into: Resolving = { row: at.row, unitId: "", grants: NO_GRANTS };
  return check(ctx, at, emails, identities, into)
    ? { at, row: at.row, unitId: into.unitId, grants: into.grants }
    : undefined;
}

const NO_GRANTS: readonly RoleGrantRecord[] = [];

/** A chat id the files give twice is reported on the second row. */
function claimOnce(
  ctx: ImportContext,
  at: Located<EmployeeRow>,
  identities: FirstSeen,
  platform: ChatPlatform,
  externalId: string,
): boolean {
  const first = identities.check(identityKey(platform, externalId), at);
  if (!first) return true;
  ctx.error(at.file, at.line, COLUMN_OF[platform], `${externalId} is also given on ${first}`);
  return false;
}

/** Whether the employee, as the database has it now, holds that chat id already. */
function holds(employee: EmployeeRecord | undefined, platform: ChatPlatform, externalId: string): boolean {
  return (
    employee !== undefined && employee.identities.some((i) => i.platform === platform && i.externalId === externalId)
  );
}

/**
 * Who owns the batch's e-mails and chat ids now. A value the row's own employee holds already (the
 * database's e-mails and chat ids are unique) is not looked up: its owner is that employee. On a
 * re-import that is every value, and the three look-ups per batch are skipped.
 */
async function owners(
  ctx: ImportContext,
  candidates: readonly Candidate[],
  before: ReadonlyMap<string, EmployeeRecord>,
): Promise<{ email: Map<string, string>; slack: Map<string, string>; teams: Map<string, string> }> {
  const emails: string[] = [];
  const slack: string[] = [];
  const teams: string[] = [];
  for (const c of candidates) {
    const had = before.get(c.row.code);
    if (c.row.email !== null && had?.email !== c.row.email) emails.push(c.row.email);
    for (const id of c.row.slackUserIds) if (!holds(had, "slack", id)) slack.push(id);
    for (const id of c.row.teamsObjectIds) if (!holds(had, "teams", id)) teams.push(id);
  }
  return {
    email: emails.length > 0 ? await ctx.repo.employeeCodesByEmail(emails) : new Map(),
    slack: slack.length > 0 ? await ctx.repo.employeeCodesByIdentity("slack", slack) : new Map(),
    teams: teams.length > 0 ? await ctx.repo.employeeCodesByIdentity("teams", teams) : new Map(),
  };
}

const NO_CODES: ReadonlySet<string> = new Set();
const FREE = 0;
const WAIT = 1;
const FAILED = 2;

/**
 * What the row's claim to an e-mail or chat id that `owner` has now means: nothing (no owner, the
 * row's own employee, or an employee of the same batch, who lets go first — see write), a reason to
 * wait for the owner's row, or a failure (reported here, or on the owner's row that failed).
 */
function claim(
  ctx: ImportContext,
  c: Candidate,
  seen: Seen,
  final: boolean,
  inBatch: ReadonlySet<string>,
  column: string,
  what: string,
  owner: string | undefined,
): number {
  if (owner === undefined || owner === c.row.code || inBatch.has(owner)) return FREE;
  if (ctx.rejected.get("employees")!.has(owner)) return FAILED;
  if (!final && (seen.waiting.has(owner) || !seen.codes.has(owner))) return WAIT;
  const where = seen.codes.has(owner) ? "" : ", who is not in the files imported";
  ctx.error(c.at.file, c.at.line, column, `${what} already belongs to employee ${owner}${where}`);
  return FAILED;
}

/**
 * Checks, diffs and writes one batch. `final`: the files are read to the end, so an owner the
 * files never reached is a real conflict rather than a reason to wait.
 */
async function apply(ctx: ImportContext, candidates: readonly Candidate[], seen: Seen, final: boolean): Promise<void> {
  if (candidates.length === 0) return;
  const found = seen.fresh ? [] : await ctx.repo.employeesByCode(candidates.map((c) => c.row.code));
  const before = new Map(found.map((e) => [e.code, e]));
  const own = seen.fresh
    ? { email: new Map<string, string>(), slack: new Map<string, string>(), teams: new Map<string, string>() }
    : await owners(ctx, candidates, before);
  const changes: EmployeeChange[] = [];
  // Only a claim on someone else's value asks whether they are in the batch: none on a first load.
  const inBatch = seen.fresh ? NO_CODES : new Set(candidates.map((c) => c.row.code));

  const unitCodeOf = (id: string) => ctx.unitCodeOf(id);
  for (const c of candidates) {
    let state = FREE;
    if (c.row.email !== null && own.email.size > 0)
      state |= claim(ctx, c, seen, final, inBatch, "email", `e-mail ${c.row.email}`, own.email.get(c.row.email));
    if (own.slack.size > 0)
      for (const id of c.row.slackUserIds)
        state |= claim(ctx, c, seen, final, inBatch, COLUMN_OF.slack, id, own.slack.get(id));
    if (own.teams.size > 0)
      for (const id of c.row.teamsObjectIds)
        state |= claim(ctx, c, seen, final, inBatch, COLUMN_OF.teams, id, own.teams.get(id));
    if (state & FAILED) ctx.reject("employees", c.row.code);
    else if (state & WAIT) seen.waiting.set(c.row.code, { ...c, before: before.get(c.row.code) });
    else changes.push(employeeChange(c, c.before ?? before.get(c.row.code), ctx.newId, unitCodeOf));
  }
  for (const change of changes)
    ctx.count(
      "employees",
      change.kind,
      change.kind === "created" ? (ctx.shows("employees") ? createdLine(change.fields) : undefined) : change.line,
    );
  await write(ctx, changes);
}

async function write(ctx: ImportContext, changes: readonly EmployeeChange[]): Promise<void> {
  const { repo, now } = ctx;
  const updated = changes.filter((c) => c.kind === "updated");
  await repo.clearEmails(updated.filter((c) => c.emailChanged).map((c) => c.fields.id));
  await repo.deleteIdentities(changes.flatMap((c) => c.dropIdentities));
  await repo.updateEmployees(
    updated.filter((c) => c.writeFields).map((c) => c.fields),
    now,
  );
  await repo.insertEmployees(
    changes.filter((c) => c.kind === "created").map((c) => c.fields),
    now,
  );
  await repo.deleteRoleGrants(updated.filter((c) => c.replaceGrants).map((c) => c.fields.id));
  await repo.insertRoleGrants(changes.flatMap((c) => c.grants));
  await repo.insertIdentities(changes.flatMap((c) => c.addIdentities));
}

/**
 * A first load's chunk (no employee before this import): every row that checks is a new employee,
 * and nothing can wait (no one owns an e-mail or chat id yet; duplicates in the files are caught by
 * `check`). Its cells go straight to the three inserts' records — one record per row and per chat id
 * or grant, no candidate or change object per row (decision 13.s13i-4). Same writes, in the same
 * order and with the same ids, as `apply` makes of the same rows.
 */
async function loadFresh(
  ctx: ImportContext,
  chunk: readonly Located<EmployeeRow>[],
  emails: FirstSeen,
  identities: FirstSeen,
): Promise<void> {
  const into: Resolving = { row: chunk[0]!.row, unitId: "", grants: NO_GRANTS };
  const employees: EmployeeFields[] = [];
  const grants: NewRoleGrant[] = [];
  const added: NewIdentity[] = [];
  for (const at of chunk) {
    if (!check(ctx, at, emails, identities, into)) {
      ctx.reject("employees", at.row.code);
      continue;
    }
    const fields = newEmployee(into, ctx.newId, added, grants);
    employees.push(fields);
    ctx.count("employees", "created", ctx.shows("employees") ? createdLine(fields) : undefined);
  }
  await ctx.repo.insertEmployees(employees, ctx.now);
  await ctx.repo.insertRoleGrants(grants);
  await ctx.repo.insertIdentities(added);
}

/** The rows that waited: release what they give up (old e-mails, dropped chat ids), then retry once. */
async function settle(ctx: ImportContext, seen: Seen): Promise<void> {
  const waiting = [...seen.waiting.values()];
  if (waiting.length === 0) return;
  const releasing = waiting.filter((c) => c.before !== undefined);
  await ctx.repo.clearEmails(releasing.filter((c) => c.before!.email !== c.row.email).map((c) => c.before!.id));
  const keep = (c: Candidate) => new Set(identitiesOf(c.row).map((i) => identityKey(i.platform, i.externalId)));
  await ctx.repo.deleteIdentities(
    releasing.flatMap((c) =>
      c.before!.identities.filter((i) => !keep(c).has(identityKey(i.platform, i.externalId))).map((i) => i.id),
    ),
  );
  seen.waiting.clear();
  for (let i = 0; i < waiting.length; i += CHUNK_ROWS) await apply(ctx, waiting.slice(i, i + CHUNK_ROWS), seen, true);
}

export async function importEmployees(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<void> {
  if (sources.length === 0) return;
  const seen: Seen = { codes: ctx.codes("employees"), waiting: new Map(), fresh: await ctx.isEmpty("employees") };
  const emails = new FirstSeen();
  const identities = new FirstSeen();
  if (seen.fresh) await ctx.repo.beginBulkLoad("employees");
  for (const source of sources) {
    for await (const chunk of ctx.parsedChunks(source, "employees", true)) {
      if (seen.fresh) {
        await loadFresh(ctx, chunk, emails, identities);
        continue;
      }
      const candidates: Candidate[] = [];
      for (const at of chunk) {
        const candidate = resolve(ctx, at, emails, identities);
        if (candidate) candidates.push(candidate);
        else ctx.reject("employees", at.row.code);
      }
      await apply(ctx, candidates, seen, false);
    }
  }
  await settle(ctx, seen);
  if (seen.fresh) await ctx.repo.endBulkLoad("employees");
}
