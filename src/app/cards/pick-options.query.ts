// pick.options: what a form's person or post input offers as the user types (Slack's
// external_select, Teams' Input.ChoiceSet with Data.Query). Scoped like the code entry it replaces:
// current employees, or active key posts, of the units the user holds a role over (any role),
// nothing else, so a picker never lists a person or a post the user has no business with. Each
// option's value is the code — what the form's use case reads, so a code typed by hand (the
// terminal, an old card) is still accepted and checked the same way, and the use case still
// decides (separation of duties, scope, suspension).
import { z } from "zod";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { query } from "../home/query.ts";
import { personLabel } from "../people/person-label.ts";

/** At most this many options per answer (Slack shows 100, Teams asks for a page). */
export const PICK_LIMIT = 20;

/** The input kinds a picker serves. */
export const PICK_KINDS = ["person", "post"] as const;
export type PickKind = (typeof PICK_KINDS)[number];

export interface PickOption {
  readonly value: string;
  readonly label: Bilingual;
}

export const pickOptions = query({
  name: "pick.options",
  input: z.object({ kind: z.enum(PICK_KINDS), text: z.string().max(100).default("") }),
  async run(input, who, tx): Promise<PickOption[]> {
    const paths = [...new Set(who.actor.grants.map((g) => g.unitPath))];
    if (input.kind === "post") {
      const posts = await tx.posts.search(input.text, paths, PICK_LIMIT);
      return posts.map((p) => ({
        value: p.code,
        label: bi(`${p.code} ${p.name}`, `${p.code} ${p.nameEn ?? p.code}`),
      }));
    }
    const people = await tx.people.search(input.text, paths, PICK_LIMIT);
    return people.map((p) => ({ value: p.code, label: personLabel(p) }));
  },
});
