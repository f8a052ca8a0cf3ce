// The neutral card as terminal text, in one language: the title underlined, the text wrapped,
// fields as aligned "label: value" lines, the table as aligned columns (CJK counted two columns
// wide), the footer, then the actions numbered [1] [2] … — a number is what the user types.
import type { Card, CardAction, CardTable } from "../../src/ports/card.ts";
import { pick, type Locale } from "../../src/ports/locale.ts";
import { displayWidth, padEndWidth, truncateWidth, wrapText } from "./console-text.ts";

export const DEFAULT_WIDTH = 80;

export interface CardRenderOptions {
  /** Columns available; default 80. */
  readonly width?: number;
  /** The number of the card's first action (cards on one screen are numbered on). Default 1. */
  readonly firstNumber?: number;
}

export interface RenderedCard {
  readonly lines: string[];
  /** The actions in the order they were numbered: actions[i] is number firstNumber + i. */
  readonly actions: readonly CardAction[];
}

const COLUMN_GAP = "  ";

function underline(title: string): string {
  return "=".repeat(Math.max(3, displayWidth(title)));
}

function fieldLines(card: Card, locale: Locale, width: number): string[] {
  if (card.fields.length === 0) return [];
  const labels = card.fields.map((f) => pick(f.label, locale) + ":");
  const labelWidth = Math.min(Math.max(...labels.map(displayWidth)), Math.floor(width * 0.4));
  const valueWidth = Math.max(10, width - labelWidth - 1);
  const lines: string[] = [];
  card.fields.forEach((field, i) => {
    const label = labels[i] ?? "";
    const values = wrapText(pick(field.value, locale), valueWidth);
    const head =
      displayWidth(label) > labelWidth
        ? [label, ...values.map((v) => " ".repeat(labelWidth + 1) + v)]
        : [
            `${padEndWidth(label, labelWidth)} ${values[0] ?? ""}`,
            ...values.slice(1).map((v) => " ".repeat(labelWidth + 1) + v),
          ];
    lines.push(...head.map((l) => l.trimEnd()));
  });
  return lines;
}

/** Column widths that fit `width`: the widest column gives way first. */
function fitColumns(natural: number[], width: number): number[] {
  const widths = [...natural];
  const budget = width - COLUMN_GAP.length * Math.max(0, widths.length - 1);
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 4) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
  return widths;
}

export function tableLines(table: CardTable, locale: Locale, width: number): string[] {
  const header = table.columns.map((c) => pick(c, locale));
  const rows = table.rows.map((r) => header.map((_, i) => (r[i] ? pick(r[i], locale) : "").replace(/\s+/g, " ")));
  const natural = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const widths = fitColumns(natural, width);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => padEndWidth(truncateWidth(cell, widths[i] ?? 0), widths[i] ?? 0))
      .join(COLUMN_GAP)
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** "[1] Acknowledge  [2] Give opinion…" wrapped between whole actions; "…" marks a form. */
export function actionLines(actions: readonly CardAction[], locale: Locale, width: number, firstNumber = 1): string[] {
  const lines: string[] = [];
  let line = "";
  actions.forEach((action, i) => {
    const item = `[${firstNumber + i}] ${pick(action.label, locale)}${action.form ? "…" : ""}`;
    if (line !== "" && displayWidth(line) + COLUMN_GAP.length + displayWidth(item) > width) {
      lines.push(line);
      line = "";
    }
    line = line === "" ? item : line + COLUMN_GAP + item;
  });
  if (line !== "") lines.push(line);
  return lines;
}

export function renderCard(card: Card, locale: Locale, options: CardRenderOptions = {}): RenderedCard {
  const width = options.width ?? DEFAULT_WIDTH;
  const title = pick(card.title, locale);
  const lines = [title, underline(title)];
  if (card.text) lines.push(...wrapText(pick(card.text, locale), width));
  const fields = fieldLines(card, locale, width);
  if (fields.length > 0) lines.push(...(card.text ? [""] : []), ...fields);
  if (card.table && card.table.columns.length > 0) lines.push("", ...tableLines(card.table, locale, width));
  if (card.footer) lines.push("", ...wrapText(`-- ${pick(card.footer, locale)}`, width));
  if (card.actions.length > 0) lines.push("", ...actionLines(card.actions, locale, width, options.firstNumber ?? 1));
  return { lines, actions: card.actions };
}
