// Block Kit's limits and small builders. Every text Keypost sends to Slack passes through these,
// so no message is refused for a length: https://docs.slack.dev/reference/block-kit/blocks
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextText: 3000,
  modalTitle: 24,
  optionText: 75,
  selectOptions: 100,
  privateMetadata: 3000,
  messageText: 3000,
} as const;

export type Block = Record<string, unknown>;

/** Cuts to `max` characters (code points), ending with "…" when cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** Slack's mrkdwn control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function plain(text: string, max: number): { type: "plain_text"; text: string; emoji: boolean } {
  return { type: "plain_text", text: cut(text === "" ? " " : text, max), emoji: true };
}

export function mrkdwn(text: string, max: number): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text: cut(text === "" ? " " : text, max) };
}

export function header(text: string): Block {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function section(text: string): Block {
  return { type: "section", text: mrkdwn(text, LIMITS.sectionText) };
}

export function context(text: string): Block {
  return { type: "context", elements: [mrkdwn(text, LIMITS.contextText)] };
}

export const divider: Block = { type: "divider" };

export function button(actionId: string, label: string, value: string, style?: "primary" | "danger"): Block {
  return {
    type: "button",
    action_id: cut(actionId, LIMITS.actionId),
    text: plain(label, LIMITS.buttonText),
    value: cut(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** Buttons in actions blocks of at most 25 elements each. */
export function actionRows(buttons: readonly Block[], blockIdPrefix: string): Block[] {
  const rows: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    rows.push({
      type: "actions",
      block_id: `${blockIdPrefix}.${i / LIMITS.actionsElements}`,
      elements: buttons.slice(i, i + LIMITS.actionsElements),
    });
  }
  return rows;
}

/** Splits text into pieces no longer than `max`, at line ends where it can. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = cut(line, max);
    if (current !== "" && current.length + 1 + piece.length > max) {
      out.push(current);
      current = piece;
    } else current = current === "" ? piece : `${current}\n${piece}`;
  }
  if (current !== "") out.push(current);
  return out;
}

/**
 * Splits text into pieces no longer than `max` without losing any of it (unlike `chunks`, which cuts
 * an over-long line): at line ends, else at the last space, else anywhere — never inside an escaped
 * entity (`&amp;`), so escape first and split after.
 */
export function wholePieces(text: string, max: number): string[] {
  const lines: string[] = [];
  for (let line of text.split("\n")) {
    while (line.length > max) {
      let at = line.lastIndexOf(" ", max);
      if (at < max / 2) at = max;
      const amp = line.lastIndexOf("&", at - 1);
      if (amp >= 0 && amp > at - 6 && !line.slice(amp, at).includes(";")) at = amp;
      lines.push(line.slice(0, at));
      line = line.slice(at).replace(/^ /, "");
    }
    lines.push(line);
  }
  const out: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (current !== undefined && current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      if (current !== undefined) out.push(current);
      current = line;
    }
  }
  if (current !== undefined && current !== "") out.push(current);
  return out;
}

/** Keeps at most `max` blocks; the last one then says how many were left out. */
export function withinBlockLimit(blocks: readonly Block[], max: number, more: (left: number) => string): Block[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(more(blocks.length - kept.length))];
}
