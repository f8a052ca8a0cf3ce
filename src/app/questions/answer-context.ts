// What every answer works with: the asker, their transaction, the parsed question, the page asked
// for, and the report context over the asker's units — or over one unit the question names, when
// it lies within them (else OUT_OF_SCOPE). Narrowing keeps every grant's role, so the secrecy rule
// sees the asker exactly as before.
import { covers, type Actor } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { UnitWordFact } from "../../ports/question-reads.ts";
import type { Env, Who } from "../kernel/use-case.ts";
import { inScope, REPORT_ROLES, reportScope } from "../reports/report-scope.ts";
import { ReportContext, type ReportDeps } from "../reports/report-context.ts";
import type { EnglishNames } from "./english-names.ts";
import type { ParsedQuestion } from "./question.parser.ts";

export interface Asking {
  readonly text: string;
  readonly page: number;
  /** A candidate the asker chose (a code) for the name the question gave. */
  readonly choice: string | undefined;
  readonly parsed: ParsedQuestion;
  readonly who: Who;
  readonly tx: TxPorts;
  readonly env: Env;
  readonly units: readonly UnitWordFact[];
  /** The reports' reads, shared by every report this question runs (memo-report-queries.ts). */
  readonly reports: ReportDeps;
  /** People's English names, read once per answer (english-names.ts). */
  readonly names: EnglishNames;
}

/**
 * The asker as the reports see them, limited to the subtrees of the units the question names (one,
 * or several: "overdue in pudong and xuhui"); any of them outside the asker's units is OUT_OF_SCOPE.
 */
export function narrowTo(viewer: Actor, unitPaths: string | readonly string[] | undefined): Actor {
  const paths = unitPaths === undefined ? [] : typeof unitPaths === "string" ? [unitPaths] : unitPaths;
  if (paths.length === 0) return viewer;
  const scope = reportScope(viewer);
  if (paths.some((p) => !inScope(scope, p))) throw new DomainError("OUT_OF_SCOPE");
  const grants = viewer.grants.flatMap((g) => {
    if (!REPORT_ROLES.includes(g.role)) return [g];
    return paths.filter((p) => covers(g.unitPath, p)).map((unitPath) => ({ role: g.role, unitPath }));
  });
  return { ...viewer, grants };
}

export function unitOf(a: Asking, code: string | undefined): UnitWordFact | undefined {
  return code === undefined ? undefined : a.units.find((u) => u.code === code);
}

/** Every unit the question names, in the order written (the first is `slots.unit`). */
export function unitsNamed(a: Asking): UnitWordFact[] {
  const codes = [a.parsed.slots.unit, ...(a.parsed.slots.alsoUnits ?? [])];
  return codes.flatMap((c) => unitOf(a, c) ?? []);
}

/** "浦东支行、徐汇支行" / " in Pudong Sub-branch and Xuhui Sub-branch": the units named, for a title. */
export function whereNamed(a: Asking): { "zh-CN": string; en: string } {
  const units = unitsNamed(a);
  if (units.length === 0) return { "zh-CN": "", en: "" };
  const en = units.map((u) => u.nameEn ?? u.code);
  return {
    "zh-CN": units.map((u) => u.name).join("、"),
    en: ` in ${en.length > 1 ? `${en.slice(0, -1).join(", ")} and ${en.at(-1)!}` : en[0]!}`,
  };
}

/** What a report function takes, for the question's units (all those it names, unless one is given). */
export function reportInputs(
  a: Asking,
  unitCode: string | undefined = a.parsed.slots.unit,
): { deps: ReportDeps; viewer: Actor; env: { now: Date } } {
  const paths =
    unitCode === a.parsed.slots.unit ? unitsNamed(a).map((u) => u.path) : [unitOf(a, unitCode)?.path ?? []].flat();
  return {
    deps: a.reports,
    viewer: narrowTo(a.who.actor, paths),
    env: { now: a.env.now },
  };
}

/** The report context for the question: the asker's units, or the one unit it names. */
export function reportContext(a: Asking, unitCode: string | undefined = a.parsed.slots.unit): Promise<ReportContext> {
  const { deps, viewer, env } = reportInputs(a, unitCode);
  return ReportContext.load(deps, viewer, env);
}
