// A form as a card of its own: the chat command's form (`leave`, `event`), and a card button's
// form asked again after a refusal. After a refusal about what was typed, the card comes back
// filled in with every value and the reason in red under the input it is about, in the person's
// language; nothing typed is lost.
import type { CardInput } from "../../../src/ports/card.ts";
import type { FieldRefusal } from "../../../src/app/cards/form-refusal.ts";
import { bi, pick, type Bilingual, type Locale } from "../../../src/ports/locale.ts";
import type { VERB } from "./card-data.ts";
import { adaptiveCard, inputElement, textBlock, type AdaptiveCard, type AdaptiveElement } from "./keypost.card.ts";

export const SUBMIT = bi("提交", "Submit");

export interface FormCardOptions {
  /** What the submit button sends back (the verb's data: a chat form's id, or a press token). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly verb: (typeof VERB)["form"] | (typeof VERB)["press"];
  readonly submit?: Bilingual;
  /** The values typed before, shown again. */
  readonly values?: Readonly<Record<string, string>>;
  readonly refusal?: FieldRefusal;
  /** The sentence above the form (the refusal's general sentence). */
  readonly banner?: string;
}

function filled(input: CardInput, locale: Locale, value: string | undefined): AdaptiveElement {
  const element = inputElement(input, locale);
  return value === undefined || value === "" ? element : { ...element, value };
}

export function formCard(
  form: { readonly title: Bilingual; readonly inputs: readonly CardInput[] },
  locale: Locale,
  options: FormCardOptions,
): AdaptiveCard {
  const body: AdaptiveElement[] = [];
  if (options.banner) body.push(textBlock(options.banner, { color: "attention", weight: "Bolder" }));
  body.push(textBlock(pick(form.title, locale), { size: "Medium", weight: "Bolder", style: "heading" }));
  for (const input of form.inputs) {
    body.push(filled(input, locale, options.values?.[input.name]));
    if (options.refusal?.field === input.name)
      body.push(textBlock(`✗ ${pick(options.refusal.message, locale)}`, { color: "attention", spacing: "None" }));
  }
  return adaptiveCard(body, [
    {
      type: "Action.Execute",
      title: pick(options.submit ?? SUBMIT, locale),
      verb: options.verb,
      style: "positive",
      data: { ...options.data },
    },
  ]);
}
