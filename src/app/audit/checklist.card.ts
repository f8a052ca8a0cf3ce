// The audit team's workbench during fieldwork: the checklist, a page of at most five items, each
// with its result, note and evidence, and for a team member Pass / Exception / N/A on every pending
// item of the page. Five items make at most 15 mark buttons plus five others (finding, rectification,
// report, previous, next): under Block Kit's 25 elements per actions block and 50 blocks per message.
import type { Actor } from "../../domain/access/roles.ts";
import { ITEM_RESULTS, type ItemMark } from "../../domain/audit/checklist.ts";
import { decide } from "../../domain/machine/machine.ts";
import { rectificationMachine } from "../../domain/audit/rectification.machine.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction } from "../../ports/card.ts";
import { offer } from "../kernel/notify.ts";
import { bi } from "../../ports/locale.ts";
import { RESULT_LABELS, headerFields, may, subjectOf } from "./audit-card-parts.ts";
import { ACTIONS, REPORT_FORM, findingForm, markForm, rectificationForm } from "./audit-forms.ts";
import { AUDIT } from "./audit-subject.ts";
import { sizeText } from "./attach-file.ts";
import { CELL_EXCERPT, FullText } from "../cards/full-text.ts";

export const PAGE_SIZE = 5;
const MARKS: readonly ItemMark[] = ITEM_RESULTS.filter((r): r is ItemMark => r !== "pending");
/** The audit states in which the team may raise rectification items. */
export const RECTIFIABLE_STATES = ["fieldwork", "report_drafted", "opinion_given", "signed", "rectifying"] as const;

export function pageCount(audit: AuditRecord): number {
  return Math.max(1, Math.ceil(audit.items.length / PAGE_SIZE));
}

/** The page holding the first pending item (the work still to do), else the first. */
export function defaultPage(audit: AuditRecord): number {
  const index = audit.items.findIndex((item) => item.result === "pending");
  return index < 0 ? 0 : Math.floor(index / PAGE_SIZE);
}

function markLabel(seq: number, mark: ItemMark) {
  return bi(`第${seq}项 ${RESULT_LABELS[mark]["zh-CN"]}`, `#${seq} ${RESULT_LABELS[mark].en}`);
}

export async function checklistCard(
  tx: TxPorts,
  audit: AuditRecord,
  recipientId: string,
  actor: Actor,
  now: Date,
  requestedPage?: number,
): Promise<Card> {
  const pages = pageCount(audit);
  const page = Math.min(Math.max(requestedPage ?? defaultPage(audit), 0), pages - 1);
  const shown = audit.items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const base = { subjectType: AUDIT, subjectId: audit.id, version: audit.version, recipientId };
  const actions: CardAction[] = [];

  if (may(audit, "mark_item", actor, now)) {
    for (const item of shown.filter((i) => i.result === "pending")) {
      for (const mark of MARKS) {
        actions.push(
          await offer(
            tx,
            { ...base, action: ACTIONS.markItem, args: { seq: item.seq, result: mark } },
            markLabel(item.seq, mark),
            {
              ...(mark === "pass"
                ? { style: "primary" as const }
                : mark === "exception"
                  ? { style: "danger" as const }
                  : {}),
              form: markForm(item, mark),
            },
          ),
        );
      }
    }
  }
  if (may(audit, "record_finding", actor, now)) {
    actions.push(
      await offer(tx, { ...base, action: ACTIONS.addFinding }, bi("记录发现", "Add finding"), {
        form: findingForm(audit.items),
      }),
    );
  }
  const raising = decide(rectificationMachine, "new", "open", {
    actor,
    unitPath: audit.unit.path,
    ownerId: "",
    auditTeam: audit.members,
    note: "",
  });
  if (raising.ok && audit.findings.length > 0 && (RECTIFIABLE_STATES as readonly string[]).includes(audit.status)) {
    actions.push(
      await offer(tx, { ...base, action: ACTIONS.addRectification }, bi("提出整改", "Raise rectification"), {
        form: rectificationForm(audit.findings),
      }),
    );
  }
  if (may(audit, "draft_report", actor, now)) {
    actions.push(
      await offer(tx, { ...base, action: ACTIONS.draftReport }, bi("起草报告", "Draft report"), {
        style: "primary",
        form: REPORT_FORM,
      }),
    );
  }
  if (page > 0)
    actions.push(
      await offer(
        tx,
        { ...base, action: ACTIONS.viewChecklist, args: { page: page - 1 } },
        bi("上一页", "Previous page"),
      ),
    );
  if (page < pages - 1)
    actions.push(
      await offer(tx, { ...base, action: ACTIONS.viewChecklist, args: { page: page + 1 } }, bi("下一页", "Next page")),
    );

  // Every item's note in full (not only this page's): "Read in full" shows the whole checklist's notes.
  const full = new FullText();
  const notes = new Map<number, string>();
  for (const item of audit.items) {
    if (item.note === "") continue;
    const heading = bi(`第${item.seq}项 ${item.text}`, `#${item.seq} ${item.textEn || item.text}`);
    notes.set(item.seq, full.add(heading, same(item.note), CELL_EXCERPT).en);
  }
  const pending = audit.items.filter((i) => i.result === "pending").length;
  const exceptions = audit.items.filter((i) => i.result === "exception").length;
  return {
    title: bi(`离岗审计检查清单 · ${audit.post.code}`, `Off-post audit checklist · ${audit.post.code}`),
    text:
      pending > 0
        ? bi(
            `还有 ${pending} 项待检查。逐项选择结果；异常须填写说明，可附证据链接。附加文件：把文件发给机器人并输入“attach ${audit.post.code} <序号>”。`,
            `${pending} item(s) still pending. Mark each one; an exception needs a note, and any mark may carry an evidence link. To attach a file, send it to the bot with "attach ${audit.post.code} <item>".`,
          )
        : bi("检查清单已全部完成。", "Every checklist item is marked."),
    fields: [
      ...(await headerFields(tx, audit)),
      { label: bi("进度", "Progress"), value: same(`${audit.items.length - pending}/${audit.items.length}`) },
      { label: bi("异常 / 发现", "Exceptions / findings"), value: same(`${exceptions} / ${audit.findings.length}`) },
    ],
    table: {
      columns: [same("#"), bi("检查事项", "Item"), bi("结果", "Result"), bi("说明与证据", "Note and evidence")],
      rows: shown.map((item) => [
        same(String(item.seq)),
        bi(item.text, item.textEn || item.text),
        RESULT_LABELS[item.result],
        same(
          [
            notes.get(item.seq) ?? "",
            item.evidenceUrl,
            // Attached files by name, size and the start of their SHA-256 (the pack carries the whole hash).
            ...audit.files
              .filter((f) => f.itemSeq === item.seq)
              .map((f) => `📎 ${f.name} (${sizeText(f.bytes)}, ${f.sha256.slice(0, 8)})`),
          ]
            .filter((s) => s !== "")
            .join(" · ") || "—",
        ),
      ]),
    },
    actions,
    footer: bi(`第 ${page + 1}/${pages} 页`, `Page ${page + 1} of ${pages}`),
    subject: subjectOf(audit),
    ...full.full(),
  };
}
