// A form (a card action's, or a chat command's) as a Slack modal. Each input is one input block
// named after the input (block_id), whose element's action_id is "v"; `formValues` reads them back.
import type { CardInput } from "../../../src/ports/card.ts";
import { pick, type Bilingual, type Locale } from "../../../src/ports/locale.ts";
import type { FullTextView } from "../../../src/app/cards/read-in-full.ts";
import { READ_IN_FULL } from "../../../src/app/cards/read-in-full.ts";
import {
  cut,
  escapeMrkdwn,
  header,
  LIMITS,
  plain,
  section,
  wholePieces,
  withinBlockLimit,
  type Block,
} from "./block-kit.ts";

export const FORM_CALLBACK = "kp.form";
export const VALUE_ACTION = "v";

function element(input: CardInput, locale: Locale): Block {
  const placeholder = input.placeholder ? { placeholder: plain(pick(input.placeholder, locale), 150) } : {};
  switch (input.kind) {
    case "date":
      return { type: "datepicker", action_id: VALUE_ACTION };
    case "select":
      return {
        type: "static_select",
        action_id: VALUE_ACTION,
        ...placeholder,
        options: (input.options ?? [])
          .slice(0, LIMITS.selectOptions)
          .map((o) => ({ text: plain(pick(o.label, locale), LIMITS.optionText), value: o.value })),
      };
    case "person":
    case "post":
      // Options come from the options load URL as the user types (block_suggestion: listeners/options.listener.ts);
      // the action id names what to offer ("v.person", "v.post"), the values are read by block as any input's.
      return {
        type: "external_select",
        action_id: `${VALUE_ACTION}.${input.kind}`,
        min_query_length: 0,
        ...placeholder,
      };
    case "people":
      // Several persons from the same options ("v.people" offers what "v.person" does); read as codes joined by commas.
      return {
        type: "multi_external_select",
        action_id: `${VALUE_ACTION}.people`,
        min_query_length: 0,
        ...placeholder,
      };
    case "url":
      return { type: "url_text_input", action_id: VALUE_ACTION, ...placeholder };
    default:
      return {
        type: "plain_text_input",
        action_id: VALUE_ACTION,
        multiline: input.kind === "textarea",
        ...(input.maxLength ? { max_length: Math.min(input.maxLength, 3000) } : {}),
        ...placeholder,
      };
  }
}

export interface FormView {
  readonly title: Bilingual;
  readonly inputs: readonly CardInput[];
}

export function formModal(form: FormView, locale: Locale, privateMetadata: string, intro?: string): Block {
  const blocks: Block[] = intro ? [section(escapeMrkdwn(intro))] : [];
  for (const input of form.inputs.slice(0, LIMITS.viewBlocks - blocks.length)) {
    blocks.push({
      type: "input",
      block_id: cut(input.name, 255),
      optional: !input.required,
      label: plain(pick(input.label, locale), 2000),
      element: element(input, locale),
    });
  }
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    private_metadata: privateMetadata.slice(0, LIMITS.privateMetadata),
    title: plain(pick(form.title, locale), LIMITS.modalTitle),
    submit: plain(locale === "en" ? "Submit" : "提交", LIMITS.modalTitle),
    close: plain(locale === "en" ? "Cancel" : "取消", LIMITS.modalTitle),
    blocks,
  };
}

/** A modal that only says something (the outcome of a submission). */
export function messageModal(title: string, blocks: readonly Block[], locale: Locale): Block {
  return {
    type: "modal",
    title: plain(title, LIMITS.modalTitle),
    close: plain(locale === "en" ? "Close" : "关闭", LIMITS.modalTitle),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

/**
 * A card's whole texts as a modal: the card's title, then each text under its heading, split at line
 * ends into sections of at most 3 000 characters (Slack's limit), at most 100 blocks in all.
 */
export function fullTextModal(view: FullTextView, locale: Locale): Block {
  const blocks: Block[] = [header(pick(view.title, locale))];
  for (const s of view.sections) {
    blocks.push(section(`*${escapeMrkdwn(pick(s.heading, locale))}*`));
    for (const piece of wholePieces(escapeMrkdwn(pick(s.text, locale)), LIMITS.sectionText))
      blocks.push(section(piece));
  }
  return messageModal(
    pick(READ_IN_FULL, locale),
    withinBlockLimit(blocks, LIMITS.viewBlocks, (n) =>
      locale === "en"
        ? `…${n} more parts do not fit in one Slack window: the dashboard shows the whole record.`
        : `……另有 ${n} 段超出 Slack 窗口的容量，请在管理后台查看完整记录。`,
    ),
    locale,
  );
}
