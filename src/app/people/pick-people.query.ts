// people.pick: the people a form's person input offers as the user types (Slack's external_select,
// Teams' Input.ChoiceSet with Data.Query). Scoped like the code entry it replaces: current employees
// of the units the user holds a role over (any role), nobody else, so a picker never lists a person
// the user has no business with. Each option's value is the employee code — what the form's use
// case reads, so a code typed by hand (the console, an old card) is still accepted and checked the
// same way, and the use case still decides (separation of duties, scope, suspension).
import { z } from "zod";
import type { Bilingual } from "../../ports/locale.ts";
import { query } from "../home/query.ts";
import { personLabel } from "./person-label.ts";

/** At most this many options per answer (Slack shows 100, Teams asks for a page). */
export const PICK_LIMIT = 20;

export interface PickOption {
  readonly value: string;
  readonly label: Bilingual;
}

export const pickPeople = query({
  name: "people.pick",
  input: z.object({ text: z.string().max(100).default("") }),
  async run(input, who, tx): Promise<PickOption[]> {
    const paths = [...new Set(who.actor.grants.map((g) => g.unitPath))];
    const people = await tx.people.search(input.text, paths, PICK_LIMIT);
    return people.map((p) => ({ value: p.code, label: personLabel(p) }));
  },
});
