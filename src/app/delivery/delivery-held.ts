// A platform refused Keypost's own credentials (Slack `invalid_auth`, `token_revoked`…; Teams 401):
// no person is unreachable, the bot is. Such an answer *holds* delivery instead of failing it: the
// notice goes back to pending, its attempt not counted, and the platform's app-wide limit key is
// paused, so every notice waits — and resumes by itself once the token is fixed. An administrator
// is told (at most once an hour per platform and reason), and the log says so each time.
import { same, type Card } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { localTime } from "../cards/local-time.ts";
import { sendNotice } from "../kernel/notify.ts";
import { withRolesOver } from "../people/rotation-people.ts";

export const HELD_KIND = "delivery.held";
const HOUR_MS = 60 * 60_000;

export function deliveryHeldCard(platform: string, at: Date, timeZone: string): Card {
  const name = platform === "slack" ? "Slack" : platform === "teams" ? "Microsoft Teams" : platform;
  return {
    title: bi(`${name} 通知投递已暂停`, `Delivery on ${name} is held`),
    text: bi(
      `${name} 拒绝了 Keypost 的凭据（原因代码见系统日志）。所有通知都在等待，没有丢失；修复令牌或密钥后会自动恢复投递。`,
      `${name} refused Keypost's credentials (the reason code is in the log). Every notice is waiting, none is lost; delivery resumes by itself once the token or secret is fixed.`,
    ),
    fields: [
      { label: bi("平台", "Platform"), value: same(name) },
      { label: bi("时间", "Since"), value: localTime(at, timeZone) },
    ],
    actions: [],
  };
}

/** Tells the administrators once an hour per platform and reason; returns how many were told now. */
export async function tellHeld(tx: TxPorts, notice: StoredNotice, reason: string, now: Date): Promise<number> {
  if (notice.kind === HELD_KIND) return 0;
  const recipient = await tx.people.byId(notice.recipientId);
  if (!recipient) return 0;
  const admins = await withRolesOver(tx, ["admin"], recipient.unitPath);
  const hour = Math.floor(now.getTime() / HOUR_MS);
  return sendNotice(
    tx,
    { kind: HELD_KIND, subjectType: "platform", subjectId: `${notice.platform}:${reason}`, version: hour },
    admins,
    async (admin) => deliveryHeldCard(notice.platform, now, admin.unitTimeZone),
  );
}
