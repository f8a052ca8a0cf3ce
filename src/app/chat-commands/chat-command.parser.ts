// The text of `/keypost …` (Slack), or a command typed in a chat (Teams, a Slack DM): a verb and
// its words. English and Chinese verbs; anything else is free text (a question). Parsed once here.
import { z } from "zod";

export const CHAT_VERBS = [
  "help",
  "status",
  "tasks",
  "leave",
  "audit",
  "report",
  "event",
  "lang",
  "platform",
  "dashboard",
  "attach",
  "pack",
] as const;
export type ChatVerb = (typeof CHAT_VERBS)[number];

const ALIASES: Readonly<Record<string, ChatVerb>> = {
  help: "help",
  "?": "help",
  帮助: "help",
  status: "status",
  状态: "status",
  概况: "status",
  tasks: "tasks",
  task: "tasks",
  todo: "tasks",
  待办: "tasks",
  任务: "tasks",
  leave: "leave",
  休假: "leave",
  audit: "audit",
  audits: "audit",
  审计: "audit",
  report: "report",
  reports: "report",
  报表: "report",
  报告: "report",
  event: "event",
  事项: "event",
  重大事项: "event",
  lang: "lang",
  language: "lang",
  语言: "lang",
  platform: "platform",
  平台: "platform",
  dashboard: "dashboard",
  仪表盘: "dashboard",
  看板: "dashboard",
  attach: "attach",
  附件: "attach",
  上传: "attach",
  pack: "pack",
  evidence: "pack",
  证据包: "pack",
};

/** What users type is short: longer text is refused before it is looked at. */
export const MAX_COMMAND_LENGTH = 2000;

const TextSchema = z.string().max(MAX_COMMAND_LENGTH);

export type ChatCommand =
  | { readonly kind: "verb"; readonly verb: ChatVerb; readonly args: readonly string[]; readonly rest: string }
  /** No verb: empty (help) or a question in the person's own words. */
  | { readonly kind: "free"; readonly text: string }
  | { readonly kind: "too_long" };

export function parseChatCommand(raw: unknown): ChatCommand {
  const parsed = TextSchema.safeParse(typeof raw === "string" ? raw : "");
  if (!parsed.success) return { kind: "too_long" };
  // A command typed in a chat may start with the bot's name or a slash: "/keypost tasks", "keypost tasks".
  const text = parsed.data.replace(/^\s*\/?keypost\b/i, "").trim();
  if (text === "") return { kind: "verb", verb: "help", args: [], rest: "" };
  const [first = "", ...args] = text.split(/\s+/);
  // Own keys only: "__proto__" or "constructor" typed as a command must not find Object's (a 500 once).
  const word = first.toLowerCase();
  const verb = Object.hasOwn(ALIASES, word) ? ALIASES[word] : undefined;
  if (!verb) return { kind: "free", text };
  return { kind: "verb", verb, args, rest: text.slice(first.length).trim() };
}
