// "How many clients does Min Xu serve?" / "徐敏名下有多少客户" — the clients one relationship
// manager serves now (open client assignments), within the asker's units: the person is resolved
// as every name is (resolve-name.ts: candidates, not found, OUT_OF_SCOPE), then their clients are
// listed by code with their name in the asker's language, and "Total" is how many. Asked with no
// person ("how many clients in Pudong"), the clients booked in the asker's units or the unit named.
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { inScope, reportScope } from "../reports/report-scope.ts";
import { reportContext, whereNamed, type Asking } from "./answer-context.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { listCard } from "./question-card.ts";
import { candidatesCard, notFoundCard, resolvePerson } from "./resolve-name.ts";

/** "How many clients in Pudong", "浦东支行有多少客户": the clients booked in the asker's units (or the unit named). */
async function answerClientsIn(a: Asking): Promise<Card> {
  const ctx = await reportContext(a);
  const clients = await a.tx.questions.clientsIn(unitIdsIn(a.units, ctx.scope));
  const where = whereNamed(a);
  return listCard(a, {
    title: bi(where["zh-CN"] ? `${where["zh-CN"]}的客户` : "客户", `Clients${where.en}`),
    columns: [bi("客户", "Client"), bi("名称", "Name")],
    rows: clients.map((c) => [same(c.code), bi(c.name, c.nameEn ?? c.code)]),
    empty: bi("这里没有客户。", "No client is booked here."),
  });
}

export async function answerClientsOf(a: Asking): Promise<Card> {
  if (a.parsed.slots.person === undefined) return answerClientsIn(a);
  const phrase = a.parsed.slots.person ?? "";
  const found = await resolvePerson(a, phrase);
  if (found.kind === "none") return notFoundCard("person", phrase);
  if (found.kind === "many") return candidatesCard(a, "person", phrase, found.matches);
  const person = found.match;
  const scope = reportScope(a.who.actor);
  const clients = (await a.tx.questions.clientsServedBy(person.id)).filter(
    (c) => c.unitPath === null || inScope(scope, c.unitPath),
  );
  await a.names.load([person.code]);
  const who = a.names.label(person);
  return listCard(a, {
    title: bi(`${who["zh-CN"]} 服务的客户`, `Clients served by ${who.en}`),
    columns: [bi("客户", "Client"), bi("名称", "Name")],
    rows: clients.map((c) => [same(c.code), bi(c.name, c.nameEn ?? c.code)]),
    empty: bi("目前没有由此人服务的客户。", "This person serves no client now."),
  });
}
