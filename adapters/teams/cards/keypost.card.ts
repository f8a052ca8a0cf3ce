// The neutral card as an Adaptive Card 1.5 with Universal Actions (Action.Execute): title, text,
// facts, a table, a footer, buttons. A button with a form opens its inputs inside the card
// (Action.ShowCard) and sends them with its own Action.Execute. At most six actions show at once:
// beyond six, five stay primary and the rest go to the overflow menu (mode "secondary"), which
// takes the sixth place. `refresh` makes Teams ask for the current card whenever it is shown.
import type { Card, CardAction, CardInput } from "../../../src/ports/card.ts";
import { pick, type Bilingual, type Locale } from "../../../src/ports/locale.ts";
import { INPUT_PREFIX, VERB } from "./card-data.ts";
import { fullTextRef, READ_IN_FULL, type FullTextView } from "../../../src/app/cards/read-in-full.ts";

export type AdaptiveElement = Record<string, unknown>;

export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly $schema: string;
  readonly version: "1.5";
  readonly body: AdaptiveElement[];
  readonly actions?: AdaptiveElement[];
  readonly refresh?: AdaptiveElement;
  readonly msteams?: AdaptiveElement;
}

export const ADAPTIVE_CARD_TYPE = "application/vnd.microsoft.card.adaptive";
export const MAX_PRIMARY_ACTIONS = 6;
/** The Data.Query dataset of a person or post input (the search invoke names it back). */
export const PICK_DATASETS = { person: "keypost.people", post: "keypost.posts" } as const;

export interface RenderOptions {
  /** A sentence shown above the card, e.g. the outcome of the press that produced it. */
  readonly banner?: { readonly text: string; readonly tone: "good" | "attention" };
  /** Teams user ids (29:…) whose client refreshes the card on view; omitted = everyone in a small chat. */
  readonly refreshFor?: readonly string[];
  /** The notice kind the message was sent as (else the card's own): its refresh shows that notice, not the subject's latest. */
  readonly kind?: string;
}

export function textBlock(text: string, extra: AdaptiveElement = {}): AdaptiveElement {
  return { type: "TextBlock", text, wrap: true, ...extra };
}

export function adaptiveCard(
  body: AdaptiveElement[],
  actions: AdaptiveElement[] = [],
  extra: Partial<AdaptiveCard> = {},
): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: "Full" },
    ...extra,
  };
}

export function inputElement(input: CardInput, locale: Locale): AdaptiveElement {
  const common = {
    id: `${INPUT_PREFIX}${input.name}`,
    label: pick(input.label, locale),
    isRequired: input.required,
    ...(input.required ? { errorMessage: pick(input.label, locale) } : {}),
    ...(input.placeholder ? { placeholder: pick(input.placeholder, locale) } : {}),
  };
  switch (input.kind) {
    case "date":
      return { type: "Input.Date", ...common };
    case "select":
      return {
        type: "Input.ChoiceSet",
        style: "compact",
        ...common,
        choices: (input.options ?? []).map((o) => ({ title: pick(o.label, locale), value: o.value })),
      };
    case "person":
    case "post":
      // Typeahead: Teams asks the bot for choices as the user types (invoke application/search,
      // handlers/search.handler.ts); the chosen value is the employee or post code.
      return {
        type: "Input.ChoiceSet",
        style: "filtered",
        ...common,
        choices: [],
        "choices.data": { type: "Data.Query", dataset: PICK_DATASETS[input.kind] },
      };
    case "people":
      // Several persons from the same query; Teams submits the chosen values joined by commas.
      return {
        type: "Input.ChoiceSet",
        style: "filtered",
        isMultiSelect: true,
        ...common,
        choices: [],
        "choices.data": { type: "Data.Query", dataset: PICK_DATASETS.person },
      };
    case "url":
      return {
        type: "Input.Text",
        style: "Url",
        regex: "^https://\\S+$",
        ...common,
        ...(input.maxLength ? { maxLength: input.maxLength } : {}),
      };
    case "textarea":
    case "text":
      return {
        type: "Input.Text",
        isMultiline: input.kind === "textarea",
        ...common,
        ...(input.maxLength ? { maxLength: input.maxLength } : {}),
      };
  }
}

function executeAction(action: CardAction, title: string): AdaptiveElement {
  const style =
    action.style === "danger" ? { style: "destructive" } : action.style === "primary" ? { style: "positive" } : {};
  return { type: "Action.Execute", title, verb: VERB.press, data: { kp: VERB.press, token: action.token }, ...style };
}

function renderAction(action: CardAction, locale: Locale): AdaptiveElement {
  const label = pick(action.label, locale);
  if (!action.form) return executeAction(action, label);
  const form = action.form;
  return {
    type: "Action.ShowCard",
    title: `${label}…`,
    card: adaptiveCard(
      [textBlock(pick(form.title, locale), { weight: "Bolder" }), ...form.inputs.map((i) => inputElement(i, locale))],
      [executeAction(action, label)],
    ),
  };
}

/**
 * "Read in full": a dialog (task module, `task/fetch`) with the card's whole texts, so the card
 * itself stays under Teams' 28 KB a message. The data names the subject and notice kind, no text.
 */
export function readInFullAction(card: Card, locale: Locale, kind?: string): AdaptiveElement[] {
  const ref = fullTextRef(card, kind);
  if (!ref) return [];
  return [
    {
      type: "Action.Submit",
      title: pick(READ_IN_FULL, locale),
      data: { msteams: { type: "task/fetch" }, kp: VERB.read, subject: ref },
    },
  ];
}

/** The dialog "Read in full" opens: the card's title, then each text whole under its heading. */
export function fullTextCard(view: FullTextView, locale: Locale): AdaptiveCard {
  const body: AdaptiveElement[] = [
    textBlock(pick(view.title, locale), { size: "Medium", weight: "Bolder", style: "heading" }),
  ];
  for (const s of view.sections)
    body.push(
      textBlock(pick(s.heading, locale), { weight: "Bolder", separator: true }),
      textBlock(pick(s.text, locale)),
    );
  return adaptiveCard(body);
}

/** The card's actions with the overflow rule applied ("Read in full" after the card's own). */
export function renderActions(
  actions: readonly CardAction[],
  locale: Locale,
  extra: readonly AdaptiveElement[] = [],
): AdaptiveElement[] {
  const rendered = [...actions.map((a) => renderAction(a, locale)), ...extra];
  if (rendered.length <= MAX_PRIMARY_ACTIONS) return rendered;
  const primary = MAX_PRIMARY_ACTIONS - 1;
  return rendered.map((a, i) => (i < primary ? a : { ...a, mode: "secondary" }));
}

function tableElement(table: NonNullable<Card["table"]>, locale: Locale): AdaptiveElement {
  const cell = (text: Bilingual, header: boolean): AdaptiveElement => ({
    type: "TableCell",
    items: [textBlock(pick(text, locale), header ? { weight: "Bolder" } : {})],
  });
  return {
    type: "Table",
    firstRowAsHeader: true,
    showGridLines: true,
    columns: table.columns.map(() => ({ width: 1 })),
    rows: [
      { type: "TableRow", cells: table.columns.map((c) => cell(c, true)) },
      ...table.rows.map((row) => ({ type: "TableRow", cells: row.map((c) => cell(c, false)) })),
    ],
  };
}

/** The card's body (without actions): also used inside the home card. */
export function cardBody(card: Card, locale: Locale): AdaptiveElement[] {
  const body: AdaptiveElement[] = [
    textBlock(pick(card.title, locale), { size: "Medium", weight: "Bolder", style: "heading" }),
  ];
  if (card.text) body.push(textBlock(pick(card.text, locale)));
  if (card.fields.length > 0)
    body.push({
      type: "FactSet",
      facts: card.fields.map((f) => ({ title: pick(f.label, locale), value: pick(f.value, locale) })),
    });
  if (card.table && card.table.rows.length > 0) body.push(tableElement(card.table, locale));
  if (card.footer) body.push(textBlock(pick(card.footer, locale), { isSubtle: true, size: "Small" }));
  return body;
}

export function renderCard(card: Card, locale: Locale, options: RenderOptions = {}): AdaptiveCard {
  const body = cardBody(card, locale);
  if (options.banner) body.unshift(textBlock(options.banner.text, { color: options.banner.tone, weight: "Bolder" }));
  const kind = options.kind ?? card.subject?.kind;
  const refresh = card.subject
    ? {
        refresh: {
          action: {
            type: "Action.Execute",
            verb: VERB.refresh,
            data: {
              kp: VERB.refresh,
              subject: { type: card.subject.type, id: card.subject.id, ...(kind ? { kind } : {}) },
            },
          },
          ...(options.refreshFor && options.refreshFor.length > 0 ? { userIds: [...options.refreshFor] } : {}),
        },
      }
    : {};
  return adaptiveCard(body, renderActions(card.actions, locale, readInFullAction(card, locale, kind)), refresh);
}

/** A plain text card: a sentence and, optionally, a button home. */
export function sentenceCard(text: string, tone: "good" | "attention" | "default", home?: string): AdaptiveCard {
  const actions = home ? [{ type: "Action.Execute", title: home, verb: VERB.home, data: { kp: VERB.home } }] : [];
  return adaptiveCard([textBlock(text, tone === "default" ? {} : { color: tone, weight: "Bolder" })], actions);
}
