// What a chat command answers, before any platform renders it: a sentence, cards (with buttons a
// platform shows as it shows any notice), or a form to open (a Slack modal, a Teams card form,
// terminal prompts). Platform-neutral: Slack's `/keypost …` and a command typed in Teams chat
// get the same reply and render it their own way.
import type { Card, CardInput } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { Code } from "../kernel/app-error.ts";
import type { ChatFormId } from "./chat-forms.ts";

export interface ChatForm {
  /** Names the use case the submitted values go to (`submitChatForm`). */
  readonly id: ChatFormId;
  readonly title: Bilingual;
  readonly inputs: readonly CardInput[];
}

export interface ChatPage {
  readonly page: number;
  readonly pages: number;
  /** The command that shows the next / previous page, e.g. "tasks 2". */
  readonly next?: string;
  readonly previous?: string;
}

export type ChatReply =
  | { readonly kind: "text"; readonly text: Bilingual; readonly refused?: Code }
  | { readonly kind: "cards"; readonly text?: Bilingual; readonly cards: readonly Card[]; readonly page?: ChatPage }
  | { readonly kind: "form"; readonly form: ChatForm };

export function textReply(text: Bilingual, refused?: Code): ChatReply {
  return refused === undefined ? { kind: "text", text } : { kind: "text", text, refused };
}
