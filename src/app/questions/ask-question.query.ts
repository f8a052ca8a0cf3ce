// question.ask: a manager (or HR, compliance, an auditor) types a question in Chinese or English
// and gets a card. The text is parsed offline (question.parser.ts) in the asker's time zone, then
// answered by one answer per intent, within the asker's units and under the secrecy rule. Not
// understood → the help card; an ambiguous name → candidate buttons; a long list → a "more" button.
// Buttons are question.follow_up tokens (question.catalog.ts): they re-ask the same text with a
// page or a chosen candidate, as the person who was offered them.
import { z } from "zod";
import { CalendarError } from "../../domain/calendar/calendar-error.ts";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { AppError } from "../kernel/app-error.ts";
import type { Card } from "../../ports/card.ts";
import { query } from "../home/query.ts";
import type { Env, Who } from "../kernel/use-case.ts";
import type { Asking } from "./answer-context.ts";
import { answerAudits, answerRectifications } from "./audit.answer.ts";
import { answerFigures } from "./figures.answer.ts";
import { answerHandovers } from "./handover.answer.ts";
import { answerHolders } from "./holders.answer.ts";
import { answerClientsOf } from "./clients.answer.ts";
import { answerStaff } from "./staff.answer.ts";
import { answerWhereDidPersonGo, answerWhoServesClient, answerWhoTookPost } from "./history.answer.ts";
import { EnglishNames } from "./english-names.ts";
import { answerLeave } from "./leave.answer.ts";
import { answerLeaveDue } from "./leave-due.answer.ts";
import { answerNotices } from "./notice.answer.ts";
import { MAX_QUESTION_LENGTH, parseQuestion, type Intent, type ParsedQuestion } from "./question.parser.ts";
import { questionHelpCard } from "./question-help.card.ts";
import { memoReportDeps } from "./memo-report-queries.ts";
import { answerRotation } from "./rotation.answer.ts";
import { readingOf } from "./reading.ts";
import { bi } from "../../ports/locale.ts";
import { answerPersonStatus, answerUnitStatus } from "./status.answer.ts";
import { withSetupGaps } from "./setup-gap-note.ts";
import { covers } from "../../domain/access/roles.ts";
import type { UnitWordFact } from "../../ports/question-reads.ts";
import { inScope, reportScope } from "../reports/report-scope.ts";
import { answerPolicyQuestion, readPolicyQuestion } from "./policy-question.ts";

export const questionInput = z.object({
  text: z.string().trim().min(1).max(MAX_QUESTION_LENGTH),
  page: z.number().int().min(1).max(10_000).optional(),
  /** The code of a candidate the asker chose for the question's name. */
  choice: z.string().trim().min(1).max(64).optional(),
});
export type QuestionInput = z.infer<typeof questionInput>;

const ANSWERS: Readonly<Record<Intent, (a: Asking) => Promise<Card>>> = {
  "leave.who": answerLeave,
  "leave.due": answerLeaveDue,
  "rotation.due": answerRotation,
  "handover.open": answerHandovers,
  "notice.unacknowledged": answerNotices,
  "audit.open": (a) => answerAudits(a, false),
  "audit.late": (a) => answerAudits(a, true),
  "rectification.overdue": answerRectifications,
  "history.person": answerWhereDidPersonGo,
  "history.post": answerWhoTookPost,
  "history.client": answerWhoServesClient,
  figures: answerFigures,
  "status.person": answerPersonStatus,
  "status.unit": answerUnitStatus,
  "holders.list": answerHolders,
  "clients.person": answerClientsOf,
  "staff.list": answerStaff,
  help: async () => questionHelpCard(true),
  unknown: async () => questionHelpCard(false),
};

export async function answerQuestion(input: QuestionInput, who: Who, tx: TxPorts, env: Env): Promise<Card> {
  const loading = tx.questions.units();
  const reports = memoReportDeps(tx.questions, loading);
  const units = await loading;
  const parsed = ownUnit(
    parseQuestion(input.text, { now: env.now, zone: who.person.unitTimeZone, lexicon: { units } }),
    who,
    units,
  );
  // Suspension: a holder on mandatory leave exercises no role, so asks about nobody's units (the
  // help still answers). A "More" press refused so is logged and told to compliance (pressAction).
  // "What is the rotation limit for tellers": read apart from the parser (policy-question.ts).
  // A question naming a person ("何丽娟的轮岗期限") asks for their deadline: status.person.
  const policyQuestion = parsed.slots.person === undefined ? readPolicyQuestion(input.text) : null;
  if (who.actor.onLeave && (policyQuestion || (parsed.intent !== "help" && parsed.intent !== "unknown")))
    throw new DomainError("SUSPENDED");
  const asking: Asking = {
    text: input.text,
    page: input.page ?? 1,
    choice: input.choice,
    parsed,
    who,
    tx,
    env,
    units,
    reports,
    names: new EnglishNames(tx),
  };
  try {
    if (policyQuestion) return await answerPolicyQuestion(asking, policyQuestion);
    if (parsed.slots.wholeBank && parsed.slots.person === undefined && parsed.slots.client === undefined)
      wholeBankInScope(who, units);
    const card = await withSetupGaps(asking, parsed.intent, ANSWERS[parsed.intent](asking));
    if (!parsed.corrected || parsed.intent === "help" || parsed.intent === "unknown") return card;
    // Not taken as typed: say which reading was answered.
    const reading = readingOf(parsed, units);
    return {
      ...card,
      footer: card.footer
        ? bi(`${reading["zh-CN"]}\n${card.footer["zh-CN"]}`, `${reading.en}\n${card.footer.en}`)
        : reading,
    };
  } catch (error) {
    // Working days need the unit's calendar (leave coverage): a bank without one is told so.
    if (
      error instanceof CalendarError &&
      (error.code === "CALENDAR_NOT_FOUND" || error.code === "CALENDAR_NOT_CONFIGURED")
    )
      throw new AppError("CALENDAR_MISSING");
    throw error;
  }
}

/**
 * "When is my own rotation due": the asker. "Status of my branch": the asker's unit is the one their reporting roles cover (the top of their
 * scope); an asker over several units is asked which (the help card), never answered for one of them.
 */
function ownUnit(parsed: ParsedQuestion, who: Who, units: readonly UnitWordFact[]): ParsedQuestion {
  // "When is my own rotation due": the asker is the person asked about.
  if (parsed.slots.self) return { ...parsed, slots: { ...parsed.slots, person: who.person.code } };
  if (!parsed.slots.mine || parsed.slots.unit !== undefined) return parsed;
  let scope: readonly string[] = [];
  try {
    scope = reportScope(who.actor);
  } catch {
    return parsed; // no reporting role, or away: refused when answered, as any question
  }
  const unit = scope.length === 1 ? units.find((u) => u.path === scope[0]) : undefined;
  return unit ? { ...parsed, slots: { ...parsed.slots, unit: unit.code } } : { ...parsed, intent: "unknown" };
}

/**
 * "全行超期未轮岗名单", "overdue rotations for the whole bank": the whole bank is named as a unit is, so
 * an asker whose reporting roles do not cover every top unit is refused (OUT_OF_SCOPE) rather than
 * answered about their own units under a whole-bank heading (decision 16.s11-2).
 */
function wholeBankInScope(who: Who, units: readonly UnitWordFact[]): void {
  const scope = reportScope(who.actor);
  const tops = units.filter((u) => !units.some((v) => v !== u && covers(v.path, u.path)));
  if (tops.some((u) => !inScope(scope, u.path))) throw new DomainError("OUT_OF_SCOPE");
}

export const askQuestion = query({
  name: "question.ask",
  input: questionInput,
  run: (input, who, tx, env): Promise<Card> => answerQuestion(input, who, tx, env),
});
