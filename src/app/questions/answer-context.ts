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

/** The asker as the reports see them, limited to one unit's subtree when the question names one. */
export function narrowTo(viewer: Actor, unitPath: string | undefined): Actor {
  if (unitPath === undefined) return viewer;
  if (!inScope(reportScope(viewer), unitPath)) throw new DomainError("OUT_OF_SCOPE");
  const grants = viewer.grants.flatMap((g) => {
    if (!REPORT_ROLES.includes(g.role)) return [g];
    return covers(g.unitPath, unitPath) ? [{ role: g.role, unitPath }] : [];
  });
  return { ...viewer, grants };
}

export function unitOf(a: Asking, code: string | undefined): UnitWordFact | undefined {
  return code === undefined ? undefined : a.units.find((u) => u.code === code);
}

/** What a report function takes, for the question's units. */
export function reportInputs(
  a: Asking,
  unitCode: string | undefined = a.parsed.slots.unit,
): { deps: ReportDeps; viewer: Actor; env: { now: Date } } {
  return {
    deps: a.reports,
    viewer: narrowTo(a.who.actor, unitOf(a, unitCode)?.path),
    env: { now: a.env.now },
  };
}

/** The report context for the question: the asker's units, or the one unit it names. */
export function reportContext(a: Asking, unitCode: string | undefined = a.parsed.slots.unit): Promise<ReportContext> {
  const { deps, viewer, env } = reportInputs(a, unitCode);
  return ReportContext.load(deps, viewer, env);
}
