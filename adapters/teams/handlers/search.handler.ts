// application/search: Teams asks for the choices of a person or post input (an Input.ChoiceSet whose
// `choices.data` is a Data.Query, cards/keypost.card.ts) as the user types. The answer is what
// the core's picker offers this person (pick.options: the units they hold a role over), named in
// their language; each choice's value is the code the form's use case reads.
import { z } from "zod";
import { ask } from "../../../src/app/home/query.ts";
import { pickOptions, type PickKind } from "../../../src/app/cards/pick-options.query.ts";
import { pick } from "../../../src/ports/locale.ts";
import type { IncomingActivity } from "../activity.schema.ts";
import { PICK_DATASETS } from "../cards/keypost.card.ts";
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
  const kind = (Object.keys(PICK_DATASETS) as PickKind[]).find((k) => PICK_DATASETS[k] === value.data?.dataset);
  if (!value.success || !kind) return none;
  const answer = await ask(ctx.kernel, pickOptions, { kind, text: value.data.queryText }, gated.invocation);
  if (!answer.ok) return none;
  const top = value.data.queryOptions?.top ?? answer.value.length;
  return {
    statusCode: 200,
    type: SEARCH_RESPONSE_TYPE,
    value: { results: answer.value.slice(0, top).map((o) => ({ title: pick(o.label, gated.locale), value: o.value })) },
  };
}
