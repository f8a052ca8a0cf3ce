// Assignments (who holds which post, from when, until when, why it ended), streamed in chunks.
// An assignment is known by employee, post, kind and start date; the end date and end reason are
// what an import may change. Employees and posts are looked up in the database, where this
// import's earlier steps have already put the files' ones.
import type { AssignmentRecord, NewAssignmentByCode } from "../../ports/register-repository.ts";
import { FirstSeen } from "./first-seen.ts";
import { changeLine, changed, type ImportContext, type Located } from "./import-context.ts";
import type { AssignmentRow } from "../../ports/register-rows.ts";
import type { RegisterSource } from "../../ports/register-source.ts";

const keyOf = (employeeId: string, postId: string, kind: string, startDate: string) =>
  `${employeeId}|${postId}|${kind}|${startDate}`;
const label = (r: AssignmentRow) => `${r.employeeCode} ${r.kind} of ${r.postCode} from ${r.startDate}`;

/** What a chunk's rows refer to: its employees' and posts' ids, and (not fresh) their stored assignments. */
interface Refs {
  readonly employees: ReadonlyMap<string, string>;
  readonly posts: ReadonlyMap<string, string>;
  readonly existing: ReadonlyMap<string, AssignmentRecord>;
}

async function lookUp(ctx: ImportContext, chunk: readonly Located<AssignmentRow>[], fresh: boolean): Promise<Refs> {
  const employeeCodes = [...new Set(chunk.map((a) => a.row.employeeCode))];
  const postCodes = [...new Set(chunk.map((a) => a.row.postCode))];
  const employees = new Map((await ctx.repo.employeeRefs(employeeCodes)).map((e) => [e.code, e.id]));
  const posts = await ctx.repo.postIdsByCode(postCodes);
  const found = fresh ? [] : await ctx.repo.assignmentsOf([...employees.values()]);
  const existing = new Map(found.map((a) => [keyOf(a.employeeId, a.postId, a.kind, a.startDate), a]));
  return { employees, posts, existing };
}

/** Reports a row's employee or post code that is nowhere; whether both are known. */
function known(ctx: ImportContext, at: Located<AssignmentRow>, employee: boolean, post: boolean): boolean {
  const { row } = at;
  if (!employee)
    ctx.unknown("employees", row.employeeCode, at, "employee_code", `unknown employee "${row.employeeCode}"`);
  if (!post) ctx.unknown("posts", row.postCode, at, "post_code", `unknown post "${row.postCode}"`);
  return employee && post;
}

/** Counts a created assignment; its line only for the few changes shown: a first load counts every row (decision 13.s13i-5). */
function countCreated(ctx: ImportContext, row: AssignmentRow): void {
  ctx.count(
    "assignments",
    "created",
    ctx.shows("assignments") ? `+ ${label(row)}${row.endDate === null ? "" : ` to ${row.endDate}`}` : undefined,
  );
}

function applyChunk(ctx: ImportContext, chunk: readonly Located<AssignmentRow>[], refs: Refs): Promise<void> {
  const { employees, posts, existing } = refs;
  const creates: AssignmentRecord[] = [];
  const updates: AssignmentRecord[] = [];
  for (const at of chunk) {
    const { row } = at;
    const employeeId = employees.get(row.employeeCode);
    const postId = posts.get(row.postCode);
    if (!known(ctx, at, Boolean(employeeId), Boolean(postId)) || !employeeId || !postId) continue;
    const before = existing.get(keyOf(employeeId, postId, row.kind, row.startDate));
    const record: AssignmentRecord = {
      id: before?.id ?? ctx.newId(),
      employeeId,
      postId,
      kind: row.kind,
      startDate: row.startDate,
      endDate: row.endDate,
      endReason: row.endReason,
    };
    if (!before) {
      creates.push(record);
      countCreated(ctx, row);
      continue;
    }
    const diffs = [
      changed("end_date", before.endDate, record.endDate),
      changed("end_reason", before.endReason, record.endReason),
    ].filter((d) => d !== undefined);
    if (diffs.length === 0) ctx.count("assignments", "unchanged");
    else {
      updates.push(record);
      ctx.count("assignments", "updated", changeLine(label(row), diffs));
    }
  }
  return writeChunk(ctx, creates, updates);
}

/**
 * A first load (employees, posts and assignments all empty before this import): every employee and
 * post in the database came from these files, so a code exists when the files gave it in a row that
 * was not refused — known in memory, with no look-up to wait for. The rows go to the database by
 * code and the INSERT finds the ids itself (decision 13.s14i-2). Same checks, errors, counts and ids
 * as applyChunk.
 */
function applyFresh(ctx: ImportContext, chunk: readonly Located<AssignmentRow>[]): Promise<void> {
  const employees = ctx.codes("employees");
  const posts = ctx.codes("posts");
  const refusedEmployees = ctx.rejected.get("employees")!;
  const refusedPosts = ctx.rejected.get("posts")!;
  const creates: NewAssignmentByCode[] = [];
  for (const at of chunk) {
    const { row } = at;
    const employee = employees.has(row.employeeCode) && !refusedEmployees.has(row.employeeCode);
    const post = posts.has(row.postCode) && !refusedPosts.has(row.postCode);
    if (!known(ctx, at, employee, post)) continue;
    creates.push({
      id: ctx.newId(),
      employeeCode: row.employeeCode,
      postCode: row.postCode,
      kind: row.kind,
      startDate: row.startDate,
      endDate: row.endDate,
      endReason: row.endReason,
    });
    countCreated(ctx, row);
  }
  return ctx.repo.insertAssignmentsByCode(creates, ctx.now);
}

async function writeChunk(ctx: ImportContext, creates: AssignmentRecord[], updates: AssignmentRecord[]): Promise<void> {
  await ctx.repo.insertAssignments(creates, ctx.now);
  await ctx.repo.updateAssignments(updates);
}

export async function importAssignments(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<void> {
  if (sources.length === 0) return;
  const seen = new FirstSeen();
  const fresh = await ctx.isEmpty("assignments");
  const byCode = fresh && (await ctx.isEmpty("employees")) && (await ctx.isEmpty("posts"));
  if (fresh) await ctx.repo.beginBulkLoad("assignments");
  // A chunk's look-ups are asked for before the previous chunk's writes are queued: a read waits for
  // the writes queued before it, and these need none of them (a repeated key never reaches a second
  // chunk), so they are answered while the previous chunk is written and this one is checked.
  let previous: { chunk: Located<AssignmentRow>[]; refs: Promise<Refs> } | undefined;
  for (const source of sources) {
    for await (const chunk of ctx.parsedChunks(source, "assignments", false)) {
      const unique = chunk.filter((at) => {
        const r = at.row;
        const first = seen.check(`${r.employeeCode}|${r.postCode}|${r.kind}|${r.startDate}`, at);
        if (first) ctx.error(at.file, at.line, "start_date", `duplicate assignment: ${label(r)} (first on ${first})`);
        return !first;
      });
      if (unique.length === 0) continue;
      if (byCode) {
        await applyFresh(ctx, unique);
        continue;
      }
      const current = { chunk: unique, refs: lookUp(ctx, unique, fresh) };
      current.refs.catch(() => undefined); // a failure surfaces when the chunk is applied
      if (previous) await applyChunk(ctx, previous.chunk, await previous.refs);
      previous = current;
    }
  }
  if (previous) await applyChunk(ctx, previous.chunk, await previous.refs);
  if (fresh) await ctx.repo.endBulkLoad("assignments");
}
