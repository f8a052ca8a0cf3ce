// What an Adaptive Card's Action.Execute carries back to the bot, and its parser. A button names
// nothing about its subject: "press" carries the core's opaque token (and the form's inputs, which
// Teams merges into the same object), "refresh" names a subject the core re-reads for the person
// who asks (only their own notices), "home" asks for the person's home card, "form" submits a chat
// command's form (whose use case checks everything again).
import { z } from "zod";

export const VERB = { press: "press", refresh: "refresh", home: "home", form: "form", read: "read" } as const;

/** Inputs are named with this prefix, so a form field can never overwrite the token or the verb. */
export const INPUT_PREFIX = "in_";

/** A card's subject; `kind` (the notice it was sent as) keeps a refresh on that message's own notice. */
const subject = z.object({
  type: z.string().min(1).max(40),
  id: z.string().min(1).max(64),
  kind: z.string().max(60).optional(),
});

export const pressData = z.object({ kp: z.literal(VERB.press), token: z.string().min(8).max(200) }).loose();
export const refreshData = z.object({ kp: z.literal(VERB.refresh), subject }).loose();
export const homeData = z
  .object({ kp: z.literal(VERB.home), page: z.number().int().min(1).max(10_000).optional() })
  .loose();

/** A chat command's form (e.g. HR's `leave`): the form's id and a request id that makes a repeated submission count once. */
export const formData = z
  .object({ kp: z.literal(VERB.form), form: z.string().min(1).max(40), requestId: z.string().min(8).max(64) })
  .loose();

/** "Read in full" (an Action.Submit opening a dialog: `task/fetch`): the card's subject, re-read for the person. */
export const readData = z.object({ kp: z.literal(VERB.read), subject }).loose();

export const actionData = z.discriminatedUnion("kp", [pressData, refreshData, homeData, formData]);
export type ActionData = z.infer<typeof actionData>;

/** The form's values: every `in_<name>` entry that is text (Teams sends every input as a string). */
export function formValues(data: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX) || typeof value !== "string") continue;
    const trimmed = value.trim();
    if (trimmed !== "") values[key.slice(INPUT_PREFIX.length)] = trimmed;
  }
  return values;
}
