// The neutral card: what the core says to a person, before any platform renders it.
// adapters/slack/blocks renders it as Block Kit, adapters/teams/cards as an Adaptive Card,
// adapters/console as text — so every platform shows the same facts and offers the same actions.
import type { Bilingual } from "./locale.ts";

export interface CardField {
  readonly label: Bilingual;
  readonly value: Bilingual;
}

/**
 * "person", "post": picked from a list that follows what is typed (the value is the employee or post code);
 * "people": several persons picked so (the value is their codes, comma-separated, as they were typed before).
 */
export type InputKind = "text" | "textarea" | "url" | "date" | "select" | "person" | "post" | "people";

export interface CardInput {
  readonly name: string;
  readonly kind: InputKind;
  readonly label: Bilingual;
  readonly required: boolean;
  readonly options?: readonly { readonly value: string; readonly label: Bilingual }[];
  readonly placeholder?: Bilingual;
  readonly maxLength?: number;
}

export interface CardAction {
  /** The opaque token the platform sends back; it names nothing about the subject. */
  readonly token: string;
  readonly label: Bilingual;
  readonly style?: "primary" | "danger";
  /** Present when the action needs input first (a modal on Slack, a form on Teams, prompts in the terminal). */
  readonly form?: { readonly title: Bilingual; readonly inputs: readonly CardInput[] };
}

export interface CardTable {
  readonly columns: readonly Bilingual[];
  readonly rows: readonly (readonly Bilingual[])[];
}

/** One long text of a card, whole: a plan, a report, a finding, an opinion, a checklist note. */
export interface CardFullSection {
  readonly heading: Bilingual;
  readonly text: Bilingual;
}

export interface Card {
  readonly title: Bilingual;
  readonly text?: Bilingual;
  readonly fields: readonly CardField[];
  readonly table?: CardTable;
  readonly actions: readonly CardAction[];
  /**
   * The card's long texts in full, present when the card shows only the start of one of them: each
   * platform offers "Read in full" (a Slack modal, a Teams dialog) instead of cutting. Needs `subject`.
   */
  readonly full?: readonly CardFullSection[];
  /** A status line shown under the card, e.g. "Acknowledged by you at 09:02". */
  readonly footer?: Bilingual;
  /** What the card is about, so a platform message can be updated in place when it moves on. */
  readonly subject?: {
    readonly type: string;
    readonly id: string;
    readonly version: number;
    /** The notice kind this card shows the subject as (set when known), so a refresh keeps it. */
    readonly kind?: string;
  };
}

/** A fixed, non-localised value shown as is in both languages (codes, names, dates). */
export function same(value: string): Bilingual {
  return { "zh-CN": value, en: value };
}
