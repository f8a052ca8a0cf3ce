// The answers' cards: a title, a few fields, a short table, and — when the list is longer than a
// page — a "more" button whose token re-asks the same question for the next page. Buttons carry
// only opaque tokens (offer()); what they re-ask is kept with the token, never sent to the platform.
import type { Card, CardAction, CardField } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { offer } from "../kernel/notify.ts";
import type { Asking } from "./answer-context.ts";

export const PAGE_SIZE = 10;
export const FOLLOW_UP_ACTION = "question.follow_up";

/** A button that asks this question again, for a page or with a chosen candidate. */
export function followUp(a: Asking, args: { page?: number; choice?: string }, label: Bilingual): Promise<CardAction> {
  const what: Record<string, string | number> = { text: a.text };
  if (args.page !== undefined) what.page = args.page;
  if (args.choice !== undefined) what.choice = args.choice;
  return offer(
    a.tx,
    {
      action: FOLLOW_UP_ACTION,
      subjectType: "question",
      subjectId: a.who.person.id,
      version: 0,
      recipientId: a.who.person.id,
      args: what,
    },
    label,
  );
}

export interface ListAnswer {
  readonly title: Bilingual;
  readonly fields?: readonly CardField[];
  readonly columns: readonly Bilingual[];
  readonly rows: readonly (readonly Bilingual[])[];
  /** Said instead of the table when there are no rows. */
  readonly empty: Bilingual;
}

export async function listCard(a: Asking, list: ListAnswer): Promise<Card> {
  const pages = Math.max(1, Math.ceil(list.rows.length / PAGE_SIZE));
  const page = Math.min(a.page, pages);
  const rows = list.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const actions =
    page < pages
      ? [
          await followUp(
            a,
            { page: page + 1 },
            bi(`更多（第 ${page + 1}/${pages} 页）`, `More (page ${page + 1} of ${pages})`),
          ),
        ]
      : [];
  const footer =
    list.rows.length > PAGE_SIZE
      ? bi(`第 ${page}/${pages} 页，共 ${list.rows.length} 条`, `Page ${page} of ${pages}, ${list.rows.length} in all`)
      : undefined;
  return {
    title: list.title,
    ...(list.rows.length === 0 ? { text: list.empty } : {}),
    fields: [...(list.fields ?? []), { label: bi("共计", "Total"), value: same(String(list.rows.length)) }],
    ...(rows.length > 0 ? { table: { columns: list.columns, rows } } : {}),
    actions,
    ...(footer ? { footer } : {}),
  };
}

/** "2026-11-30 – 2026-12-06", or one day. */
export function rangeText(from: string, to: string): Bilingual {
  return same(from === to ? from : `${from} – ${to}`);
}
