// What a handover sheet lists. HR may give the items; otherwise the post's category (and its risk
// points) gives the usual ones: an operations post hands over physical custody (keys, seals, blank
// vouchers, cash), every post hands over pending business and its system access, and a relationship
// manager's client list comes with the number of clients they serve.
import { z } from "zod";
import type { PostCategory } from "../../domain/policy/index.ts";
import { HANDOVER_ITEM_KINDS, type HandoverItemKind } from "../../ports/handover-repository.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

export interface HandoverItemInput {
  readonly kind: HandoverItemKind;
  readonly description: string;
  readonly quantity: string;
}

export const HandoverItemSchema = z.object({
  kind: z.enum(HANDOVER_ITEM_KINDS),
  description: z.string().max(500).default(""),
  quantity: z.string().max(100).default(""),
});

/** Items held in custody: a handover of any of them needs a witness (监交人). */
export const CUSTODY_KINDS: readonly HandoverItemKind[] = ["key", "seal", "cash", "voucher"];

export const ITEM_LABELS: Readonly<Record<HandoverItemKind, Bilingual>> = {
  key: bi("钥匙（金库、保险柜、尾箱）", "Keys (vault, safe, cash box)"),
  seal: bi("印章（业务章、名章）", "Seals and stamps"),
  voucher: bi("重要空白凭证", "Blank important vouchers"),
  cash: bi("现金及尾箱", "Cash and cash box"),
  pending_business: bi("未办结业务", "Pending business"),
  client_list: bi("客户清单", "Client list"),
  system_access: bi("系统权限与密码（交接后即修改）", "System access and passwords (changed at handover)"),
  other: bi("其他", "Other"),
};

const BY_CATEGORY: Readonly<Record<PostCategory, readonly HandoverItemKind[]>> = {
  operations: ["key", "seal", "voucher", "cash", "pending_business", "system_access"],
  authority: ["seal", "pending_business", "system_access"],
  oversight: ["pending_business", "system_access"],
};

/** A risk point that names something held in custody adds that item to any post's sheet. */
const RISK_ITEMS: Readonly<Record<string, HandoverItemKind>> = {
  cash: "cash",
  key: "key",
  keys: "key",
  seal: "seal",
  seals: "seal",
  voucher: "voucher",
  vouchers: "voucher",
};

export function defaultItems(
  post: { category: PostCategory; riskPoints: readonly string[] },
  clientCount: number,
): HandoverItemInput[] {
  const kinds = new Set<HandoverItemKind>(BY_CATEGORY[post.category]);
  for (const point of post.riskPoints) {
    const kind = RISK_ITEMS[point.trim().toLowerCase()];
    if (kind) kinds.add(kind);
  }
  if (clientCount > 0) kinds.add("client_list");
  return HANDOVER_ITEM_KINDS.filter((k) => kinds.has(k)).map((kind) => ({
    kind,
    description: "",
    quantity: kind === "client_list" ? String(clientCount) : "",
  }));
}

export function needsWitness(items: readonly { kind: HandoverItemKind }[]): boolean {
  return items.some((i) => CUSTODY_KINDS.includes(i.kind));
}
