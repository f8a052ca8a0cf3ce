// application/search: Teams asks for the choices of a person input (an Input.ChoiceSet whose
// `choices.data` is a Data.Query, cards/keypost.card.ts) as the user types. The answer is the
// people the core's picker offers this person (people.pick: the units they hold a role over),
// named in their language; each choice's value is the employee code the form's use case reads.
import { z } from "zod";
import { ask } from "../../../src/app/home/query.ts";
import { pickPeople } from "../../../src/app/people/pick-people.query.ts";
import { pick } from "../../../src/ports/locale.ts";
import type { IncomingActivity } from "../activity.schema.ts";
import { PEOPLE_DATASET } from "../cards/keypost.card.ts";
import { passGate } from "../teams-gate.ts";
import type { TeamsContext } from "../teams-context.ts";

export const SEARCH_RESPONSE_TYPE = "application/vnd.microsoft.search.searchResponse";

export interface SearchResponse {
  readonly statusCode: 200;
  readonly type: typeof SEARCH_RESPONSE_TYPE;
  readonly value: { readonly results: { readonly title: string; readonly value: string }[] };
}

const SearchValue = z.object({
  queryText: z.string().max(200).default(""),
  dataset: z.string().max(64).optional(),
  queryOptions: z
    .object({ skip: z.number().int().min(0).optional(), top: z.number().int().min(1).optional() })
    .optional(),
});

const none: SearchResponse = { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results: [] } };

export async function onSearch(ctx: TeamsContext, activity: IncomingActivity): Promise<SearchResponse> {
  const gated = await passGate(ctx, activity);
  if (!gated.ok) return none;
  const value = SearchValue.safeParse(activity.value);
  if (!value.success || value.data.dataset !== PEOPLE_DATASET) return none;
  const answer = await ask(ctx.kernel, pickPeople, { text: value.data.queryText }, gated.invocation);
  if (!answer.ok) return none;
  const top = value.data.queryOptions?.top ?? answer.value.length;
  return {
    statusCode: 200,
    type: SEARCH_RESPONSE_TYPE,
    value: { results: answer.value.slice(0, top).map((o) => ({ title: pick(o.label, gated.locale), value: o.value })) },
  };
}
