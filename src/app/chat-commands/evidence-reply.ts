// `pack <post code or audit id>` (证据包): a one-time link to a completed audit's evidence pack,
// for compliance over its unit and its team (src/app/records/evidence-pack-link.ts). The link is a
// secret: answered only to that person, in their own chat, never logged. A refusal is logged like
// any refused read (issue #17) and answered in the person's language.
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../../ports/locale.ts";
import { AppError, describeCode } from "../kernel/app-error.ts";
import { envOf, logRefusal, type Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { evidenceLinkSentence, issueEvidenceLink } from "../records/evidence-pack-link.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";

export const PACK_USAGE = bi(
  "用法：pack <岗位编号或审计编号>，例如 pack P-BJ-TELLER-01（已签署的离岗审计）。",
  "Usage: pack <post code or audit id>, for example pack P-BJ-TELLER-01 (a signed-off audit).",
);

export async function evidencePackReply(
  kernel: Kernel,
  invocation: Invocation,
  args: readonly string[],
): Promise<ChatReply> {
  if (args.length !== 1) return textReply(PACK_USAGE, "INVALID_INPUT");
  if (!kernel.dashboardUrl)
    return textReply(bi("此处未提供下载服务。", "Downloads are not served here."), "NOT_AUTHORISED");
  try {
    const link = await issueEvidenceLink(kernel, invocation, args[0]!);
    return textReply(evidenceLinkSentence(kernel.dashboardUrl(), link));
  } catch (error) {
    if (error instanceof AppError) return textReply(describeCode(error.code, error.detail), error.code);
    if (!(error instanceof DomainError)) throw error;
    await logRefusal(kernel, invocation, "audit.evidence_pack", error, envOf(kernel));
    if (error.detail?.reason === "audit_not_complete")
      return textReply(
        bi(
          "证据包只在审计报告签署后提供（已签署、整改中或已结束）。",
          "The evidence pack is available once the audit report is signed (signed, rectifying or closed).",
        ),
        error.code,
      );
    return textReply(describeCode(error.code, error.detail), error.code);
  }
}
