// Turns the name a question gave into one register entry, within the asker's units: the chosen
// candidate when the asker pressed one, else the tolerant matcher. Several matches become a card
// of candidate buttons (each re-asks the same question with that code); none, a short "not found".
import type { Card } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { DomainError } from "../../domain/errors.ts";
import { reportScope } from "../reports/report-scope.ts";
import type { PersonMatch } from "../../ports/question-reads.ts";
import { narrowTo, unitOf, type Asking } from "./answer-context.ts";
import { matchClients, matchPeople, matchPosts, type Resolved, type Within } from "./name-matcher.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { followUp } from "./question-card.ts";

export type Kind = "person" | "post" | "client";

interface Entry {
  readonly code: string;
  readonly name: string;
  readonly nameEn?: string | null;
  readonly unitCode?: string;
}

const KIND_WORD: Readonly<Record<Kind, Bilingual>> = {
  person: bi("人员", "person"),
  post: bi("岗位", "post"),
  client: bi("客户", "client"),
};

export async function resolvePerson(a: Asking, phrase: string): Promise<Resolved<PersonMatch>> {
  const found = await matchPeople(a.tx, a.choice ?? phrase, within(a, reportScope(a.who.actor)));
  if (found.kind === "none") await refuseIfElsewhere(a, "person", a.choice ?? phrase);
  return found;
}

/**
 * Nobody by that name in the asker's units: when the bank has one elsewhere, the asker is told the
 * subject is outside their units (OUT_OF_SCOPE), as for a unit named outside them — not "not found".
 */
async function refuseIfElsewhere(a: Asking, kind: Kind, typed: string): Promise<void> {
  const everywhere = within(a, [...new Set(a.units.map((u) => u.path))]);
  const match = kind === "person" ? matchPeople : kind === "post" ? matchPosts : matchClients;
  if ((await match(a.tx, typed, everywhere)).kind !== "none") throw new DomainError("OUT_OF_SCOPE");
}

/** The scope's paths and its units' ids (from the units the question holds). */
function within(a: Asking, scope: readonly string[]): Within {
  return { scope, unitIds: unitIdsIn(a.units, scope) };
}

/** The asker's units, or the one unit the question names (when it is one of them). */
function searchScope(a: Asking, unitCode: string | undefined): readonly string[] {
  const unit = unitOf(a, unitCode);
  if (!unit) return reportScope(a.who.actor);
  narrowTo(a.who.actor, unit.path); // OUT_OF_SCOPE outside the asker's units
  return [unit.path];
}

export async function resolveName(a: Asking, kind: Kind, phrase: string): Promise<Resolved<Entry>> {
  const alt = a.parsed.slots.clientInUnit;
  if (kind !== "client" || !alt || a.choice) return resolveIn(a, kind, phrase, a.parsed.slots.unit);
  // A client named with a unit ("Hengtong Trading (Chaoyang)"): the whole name first, else the rest within the unit.
  let refused: unknown;
  const whole = await resolveIn(a, kind, phrase, undefined).catch((error: unknown) => {
    refused = error;
    return { kind: "none" } as const;
  });
  if (whole.kind !== "none") return whole;
  const inUnit = await resolveIn(a, kind, alt.name, alt.unit);
  if (inUnit.kind === "none" && refused !== undefined) throw refused;
  return inUnit;
}

async function resolveIn(
  a: Asking,
  kind: Kind,
  phrase: string,
  unitCode: string | undefined,
): Promise<Resolved<Entry>> {
  const scope = within(a, a.choice ? reportScope(a.who.actor) : searchScope(a, unitCode));
  const typed = a.choice ?? phrase;
  const found =
    kind === "person"
      ? await matchPeople(a.tx, typed, scope)
      : kind === "post"
        ? await matchPosts(a.tx, typed, scope)
        : await matchClients(a.tx, typed, scope);
  if (found.kind === "none" && unitCode === undefined) await refuseIfElsewhere(a, kind, typed);
  return found;
}

export function notFoundCard(kind: Kind, phrase: string): Card {
  return {
    title: bi(`没有找到${KIND_WORD[kind]["zh-CN"]}“${phrase}”`, `No ${KIND_WORD[kind].en} named “${phrase}”`),
    text: bi(
      "在你管辖的范围内没有找到。可以试试全名、工号或英文名。",
      "Nobody in your units matches. Try the full name, the code, or the English name.",
    ),
    fields: [],
    actions: [],
  };
}

export async function candidatesCard(a: Asking, kind: Kind, phrase: string, matches: readonly Entry[]): Promise<Card> {
  const actions = [];
  for (const m of matches) {
    const where = m.unitCode ? ` (${m.unitCode})` : "";
    const label = bi(`${m.name} ${m.code}${where}`, `${m.nameEn ?? m.code}${m.nameEn ? ` ${m.code}` : ""}${where}`);
    actions.push(await followUp(a, { choice: m.code }, label));
  }
  return {
    title: bi(`“${phrase}”指的是哪一位？`, `Which ${KIND_WORD[kind].en} do you mean by “${phrase}”?`),
    text: bi(`有 ${matches.length} 个匹配，请选择：`, `${matches.length} match; choose one:`),
    fields: [],
    actions,
  };
}
