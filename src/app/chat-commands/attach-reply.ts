// A file sent to the bot with "attach <post code or audit id> <item>" (Slack: a file shared in the
// DM; Teams: a file sent in the personal chat). The adapter says what the platform declared (name,
// type, size) and how to read the bytes; this checks the type and the declared size before a byte
// is read, reads at most the limit (a file that turns out larger is refused), then attaches it as
// the person (audit.attach_file checks everything again). Refusals are sentences in the person's
// language; nothing is stored on any refusal.
import { attachFile, fileProblem } from "../audit/attach-file.ts";
import type { Code } from "../kernel/app-error.ts";
import { execute, refusal, type Kernel } from "../kernel/execute.ts";
import type { Outcome } from "../kernel/outcome.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { refuseFile, type EvidenceFileRules } from "../../ports/evidence-files.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { parseChatCommand } from "./chat-command.parser.ts";
import type { ChatReply } from "./chat-reply.ts";

type TextReply = Extract<ChatReply, { kind: "text" }>;

/** A file as a chat platform hands it over. */
export interface IncomingFile {
  readonly name: string;
  readonly mediaType: string;
  /** The size the platform declared, when it did. */
  readonly declaredBytes?: number;
  /** Reads the bytes, stopping past `maxBytes` (answers "too_large" then). */
  read(maxBytes: number): Promise<Uint8Array | "too_large">;
}

export const ATTACH_USAGE: Bilingual = bi(
  "附加证据文件：在发送文件的同一条消息中输入“attach <岗位编号或审计编号> <检查项序号>”，例如 attach P-BJ-TELLER-01 3。",
  'To attach an evidence file, send the file with the message "attach <post code or audit id> <item number>", for example attach P-BJ-TELLER-01 3.',
);

/** "attach P-01 3" → the audit reference and the item number; undefined when the words do not fit. */
export function attachTarget(text: unknown): { readonly audit: string; readonly seq: number } | undefined {
  const command = parseChatCommand(text);
  if (command.kind !== "verb" || command.verb !== "attach") return undefined;
  const [audit, seq, ...rest] = command.args;
  if (audit === undefined || seq === undefined || rest.length > 0 || !/^\d{1,4}$/.test(seq)) return undefined;
  return { audit, seq: Number(seq) };
}

/** Attaches the files sent with the message (one at a time, in order) and answers for each. */
export async function attachFromChat(
  kernel: Kernel,
  invocation: Invocation,
  text: unknown,
  files: readonly IncomingFile[],
): Promise<TextReply> {
  const target = attachTarget(text);
  if (!target) return { kind: "text", text: ATTACH_USAGE, refused: "INVALID_INPUT" };
  const rules = kernel.evidence?.rules;
  if (!rules) {
    const none = refusal("INVALID_INPUT", { field: "file", problem: "file_store", reason: "no store" });
    return { kind: "text", text: none.message, refused: "INVALID_INPUT" };
  }
  const lines: Bilingual[] = [];
  let code: Code | undefined;
  for (const file of files) {
    const outcome = await attachOne(kernel, invocation, target, rules, file);
    if (!outcome.ok) code = outcome.code;
    lines.push(outcome.message);
  }
  const text2 = bi(lines.map((l) => l["zh-CN"]).join("\n"), lines.map((l) => l.en).join("\n"));
  return { kind: "text", text: text2, ...(code ? { refused: code } : {}) };
}

async function attachOne(
  kernel: Kernel,
  invocation: Invocation,
  target: { readonly audit: string; readonly seq: number },
  rules: EvidenceFileRules,
  file: IncomingFile,
): Promise<Outcome> {
  const early = refuseFile(rules, file.name, file.declaredBytes);
  if (early) return refusal("INVALID_INPUT", fileProblem(early, rules));
  const content = await file.read(rules.maxBytes).catch(() => undefined);
  if (content === undefined)
    return refusal("INVALID_INPUT", { field: "file", problem: "file_unreadable", reason: "download failed" });
  if (content === "too_large") return refusal("INVALID_INPUT", fileProblem("file_too_large", rules));
  return execute(
    kernel,
    attachFile,
    { audit: target.audit, seq: target.seq, name: file.name, mediaType: file.mediaType, content },
    invocation,
  );
}
