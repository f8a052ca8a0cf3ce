// `dashboard` (仪表盘): a one-time sign-in link to the web dashboard for the person who typed it,
// valid 5 minutes and usable once (src/app/dashboard/sign-in-link.ts). The link is a secret: it is
// answered only to that person, in their own chat, and never logged.
import { DomainError } from "../../domain/errors.ts";
import { AppError } from "../kernel/app-error.ts";
import { issueSignInLink, LINK_TTL_MS } from "../dashboard/sign-in-link.ts";
import { bi } from "../../ports/locale.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";
import { describeCode } from "../kernel/app-error.ts";

/** The dashboard's sign-in path; the web adapter serves it. */
export const SIGN_IN_PATH = "/app/sign-in";

export async function dashboardReply(kernel: Kernel, invocation: Invocation): Promise<ChatReply> {
  if (!kernel.dashboardUrl)
    return textReply(bi("此处未提供网页仪表盘。", "The web dashboard is not served here."), "NOT_AUTHORISED");
  try {
    const link = await issueSignInLink(kernel, invocation);
    const url = `${kernel.dashboardUrl().replace(/\/+$/, "")}${SIGN_IN_PATH}?token=${link.token}`;
    const minutes = LINK_TTL_MS / 60_000;
    return textReply(
      bi(
        `打开合规仪表盘（${minutes} 分钟内有效，仅可使用一次，请勿转发）：${url}`,
        `Open the compliance dashboard (valid ${minutes} minutes, once only; do not forward it): ${url}`,
      ),
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_AUTHORISED")
      return textReply(
        bi(
          "仪表盘只对人力资源、内控合规、管理人员和高管开放。",
          "The dashboard is for HR, compliance, managers and executives.",
        ),
        "NOT_AUTHORISED",
      );
    if (error instanceof AppError) return textReply(describeCode(error.code, error.detail), error.code);
    throw error;
  }
}
