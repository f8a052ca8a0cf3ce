// Why a notice could not be delivered, as the person told about it reads it. A notifier's reason is
// a code for the log (`user_not_found`, `teams_not_installed: …`, `teams: 403`); the card says what
// it means and what to do, in the reader's language. The code itself stays in the log with the
// notice's id, so an administrator can still look it up.
import { bi, type Bilingual } from "../../ports/locale.ts";

const BY_CODE: Readonly<Record<string, Bilingual>> = {
  teams_not_installed: bi(
    "本人尚未在 Microsoft Teams 中安装 Keypost 应用。",
    "They have not installed the Keypost app in Microsoft Teams.",
  ),
  teams_unreachable: bi(
    "本人在 Microsoft Teams 中移除或屏蔽了 Keypost 应用，或与其的会话已不存在。",
    "They removed or blocked the Keypost app in Microsoft Teams, or their chat with it no longer exists.",
  ),
  teams_no_message_id: bi(
    "Microsoft Teams 未返回消息编号，无法更新该消息。",
    "Microsoft Teams gave no message id to update.",
  ),
  teams_service_url_not_allowed: bi(
    "该会话的 Microsoft Teams 服务地址不在允许列表中。",
    "The conversation's Microsoft Teams service address is not on the allowed list.",
  ),
  user_not_found: bi("聊天平台上找不到该账号。", "The chat account was not found."),
  users_not_found: bi("聊天平台上找不到该账号。", "The chat account was not found."),
  account_inactive: bi("该聊天账号已停用。", "The chat account is deactivated."),
  user_disabled: bi("该聊天账号已停用。", "The chat account is deactivated."),
  cannot_dm_bot: bi("无法向该账号发送私信。", "Direct messages cannot be sent to this account."),
  channel_not_found: bi("找不到与本人的私信会话。", "The direct-message conversation was not found."),
  not_in_channel: bi("Keypost 不在与本人的会话中。", "Keypost is not a member of the conversation with them."),
  is_archived: bi("与本人的会话已归档。", "The conversation with them is archived."),
  user_is_restricted: bi(
    "该账号受限，无法接收 Keypost 的私信。",
    "The account is restricted and cannot receive Keypost's messages.",
  ),
  no_channel: bi("无法打开与本人的私信会话。", "A direct-message conversation could not be opened."),
  no_message_ref: bi("找不到已发送的消息，无法更新。", "The message sent before cannot be found to update."),
  rate_limited: bi("聊天平台限流，稍后重试。", "The chat platform asked to slow down; it is tried again later."),
  no_ts: bi("聊天平台未确认消息已保存。", "The chat platform did not confirm the message was stored."),
  history_too_long: bi("无法核实消息是否已送达。", "Whether the message arrived could not be checked."),
};

const UNKNOWN = bi(
  "聊天平台拒绝了该消息（原因代码见系统日志）。",
  "The chat platform refused the message (the reason code is in the log).",
);

/**
 * Reasons that are about the person's account, not the notice: every notice to them fails alike.
 * Every code a notifier answers `failed` for because the person cannot be reached belongs here
 * (Slack's UNREACHABLE_ERRORS in adapters/slack/slack-errors.ts, Teams' 403/404), else each notice
 * would be its own finding (test/proof/faulty-platforms.test.ts).
 */
const ABOUT_THE_PERSON: ReadonlySet<string> = new Set([
  "teams_not_installed",
  "teams_unreachable",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_is_restricted",
  "user_not_found",
  "users_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
]);

export function isAboutThePerson(reason: string): boolean {
  return ABOUT_THE_PERSON.has(reason.split(/[:\s]/u)[0] ?? "");
}

/** The words for a notifier's reason: its code is what comes before the first ":" or space. */
export function deliveryReasonText(reason: string): Bilingual {
  const code = reason.split(/[:\s]/u)[0] ?? "";
  return Object.hasOwn(BY_CODE, code) ? BY_CODE[code]! : UNKNOWN;
}
