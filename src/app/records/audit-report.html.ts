// The audit report of an evidence pack as one self-contained, printable HTML page in the reader's
// language: no scripts, no external resources, A4 print rules, a CJK-capable font stack (Debian's
// fonts-noto-cjk). Labels exist in both languages; what people wrote (notes, findings, opinions)
// is shown as they wrote it. Times are the unit's local time, with its zone named once.
import { evidenceFilePath, type AuditEvidence, type LogProofSummary } from "../../ports/evidence-reads.ts";
import { bi, pick, type Bilingual, type Locale } from "../../ports/locale.ts";

export type { LogProofSummary };

const L = {
  title: bi("离岗审计报告", "Off-post audit report"),
  post: bi("岗位", "Post"),
  unit: bi("机构", "Unit"),
  holder: bi("被审计人", "Holder"),
  auditId: bi("审计编号", "Audit id"),
  status: bi("状态", "Status"),
  requested: bi("发起时间", "Requested"),
  closedAt: bi("结束时间", "Closed"),
  dueDate: bi("应签发日期", "Due"),
  zone: bi("时间均为机构当地时间", "Times are the unit's local time"),
  team: bi("审计组", "Audit team"),
  role: bi("角色", "Role"),
  person: bi("人员", "Person"),
  plan: bi("审计方案", "Audit plan"),
  approvedBy: bi("批准人", "Approved by"),
  noticeIssued: bi("审计通知发出", "Notice issued"),
  checklist: bi("检查清单", "Checklist"),
  item: bi("检查事项", "Item"),
  result: bi("结果", "Result"),
  note: bi("说明", "Note"),
  evidence: bi("证据", "Evidence"),
  file: bi("附件", "File"),
  auditor: bi("审计人员", "Auditor"),
  time: bi("时间", "Time"),
  findings: bi("审计发现", "Findings"),
  severity: bi("严重程度", "Severity"),
  description: bi("描述", "Description"),
  report: bi("审计报告正文", "Report"),
  opinion: bi("被审计人意见", "The holder's opinion"),
  agrees: bi("同意", "Agrees"),
  disagrees: bi("不同意", "Disagrees"),
  signatures: bi("签发", "Signatures"),
  signedBy: bi("签发人", "Signed by"),
  rectifications: bi("整改事项", "Rectifications"),
  owner: bi("责任人", "Owner"),
  closing: bi("整改结果", "Closure"),
  leave: bi("强制休假", "Mandatory leave"),
  period: bi("休假期间", "Period"),
  kind: bi("类型", "Kind"),
  substitute: bi("代岗人", "Substitute"),
  plannedBy: bi("计划人", "Planned by"),
  started: bi("开始", "Started"),
  handovers: bi("交接", "Handovers"),
  from: bi("交出方", "From"),
  to: bi("接收方", "To"),
  confirmations: bi("确认", "Confirmations"),
  log: bi("审计日志与验证", "Audit log and its proof"),
  logText: bi(
    "本审计相关的日志条目见 log/audit-log.jsonl；每条均可通过签名检查点独立验证（keypost verify-log --file，或 docs/audit-log.md 中的脚本）。",
    "The log entries of this audit are in log/audit-log.jsonl; each can be verified independently against the signed checkpoint (keypost verify-log --file, or the script in docs/audit-log.md).",
  ),
  entries: bi("条目", "Entries"),
  proven: bi("已证明", "Proven"),
  checkpoint: bi("签名检查点", "Signed checkpoint"),
  key: bi("签名密钥", "Signing key"),
  verdictOk: bi("验证通过", "Verified"),
  verdictBad: bi("验证未通过", "Not verified"),
  none: bi("无", "None"),
  generated: bi("生成时间", "Generated"),
  manifest: bi("各文件的 SHA-256 见 manifest.json。", "The SHA-256 of every file is in manifest.json."),
} satisfies Record<string, Bilingual>;

/** Labels of the records' stored words (results, severities, roles, states, kinds), also used by the dashboard. */
export const RECORD_WORDS: Record<string, Bilingual> = {
  pass: bi("通过", "Pass"),
  exception: bi("异常", "Exception"),
  not_applicable: bi("不适用", "Not applicable"),
  pending: bi("未检查", "Pending"),
  low: bi("低", "Low"),
  medium: bi("中", "Medium"),
  high: bi("高", "High"),
  critical: bi("严重", "Critical"),
  team_leader: bi("组长", "Team leader"),
  lead_auditor: bi("主审", "Lead auditor"),
  member: bi("组员", "Member"),
  open: bi("未完成", "Open"),
  closed: bi("已完成", "Closed"),
  confirmed: bi("已确认", "Confirmed"),
  cancelled: bi("已取消", "Cancelled"),
  regular: bi("常规", "Regular"),
  triggered: bi("触发", "Triggered"),
  leave_start: bi("休假开始交接", "Hand-over at leave start"),
  leave_return: bi("休假结束交回", "Hand-back at leave end"),
  rotation: bi("轮岗交接", "Rotation hand-over"),
  from: bi("交出方", "from"),
  to: bi("接收方", "to"),
  witness: bi("监交人", "witness"),
  requested: bi("已发起", "Requested"),
  team_formed: bi("已组建审计组", "Team formed"),
  plan_drafted: bi("方案已起草", "Plan drafted"),
  plan_approved: bi("方案已批准", "Plan approved"),
  notice_issued: bi("通知已发出", "Notice issued"),
  fieldwork: bi("现场审计", "Fieldwork"),
  report_drafted: bi("报告已起草", "Report drafted"),
  opinion_given: bi("已反馈意见", "Opinion given"),
  signed: bi("已签发", "Signed"),
  rectifying: bi("整改中", "Rectifying"),
  planned: bi("已计划", "Planned"),
  compliance_notified: bi("已通知合规", "Compliance notified"),
  started: bi("已开始", "Started"),
  handed_over: bi("已交接", "Handed over"),
  audit: bi("审计中", "Audit"),
  returning: bi("返岗中", "Returning"),
  key: bi("钥匙", "Key"),
  seal: bi("印章", "Seal"),
  voucher: bi("重要空白凭证", "Vouchers"),
  cash: bi("现金", "Cash"),
  pending_business: bi("未了事项", "Pending business"),
  client_list: bi("客户清单", "Client list"),
  system_access: bi("系统权限", "System access"),
  other: bi("其他", "Other"),
};

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderAuditReport(e: AuditEvidence, locale: Locale, generatedAt: Date, proof: LogProofSummary): string {
  const t = (b: Bilingual) => esc(pick(b, locale));
  const word = (w: string) => esc(RECORD_WORDS[w] ? pick(RECORD_WORDS[w], locale) : w);
  const who = (id: string | null | undefined) => {
    if (!id) return "—";
    const p = e.people.get(id);
    if (!p) return esc(id);
    return esc(`${locale === "en" ? (p.nameEn ?? p.name) : p.name} (${p.code})`);
  };
  const when = (d: Date | null | undefined) => (d ? esc(localTime(d, e.unit.timeZone)) : "—");
  const text = (s: string) => (s.trim() === "" ? "—" : esc(s));
  const table = (head: string[], rows: string[][]) =>
    rows.length === 0
      ? `<p class="none">${t(L.none)}</p>`
      : `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`;
  const postName = locale === "en" ? (e.post.nameEn ?? e.post.name) : e.post.name;
  const a = e.audit;

  const sections = [
    `<h1>${t(L.title)}</h1>`,
    `<dl>
      <dt>${t(L.post)}</dt><dd>${esc(`${postName} (${e.post.code})`)}</dd>
      <dt>${t(L.unit)}</dt><dd>${esc(`${e.unit.name} (${e.unit.code})`)}</dd>
      <dt>${t(L.holder)}</dt><dd>${who(e.holderId)}</dd>
      <dt>${t(L.auditId)}</dt><dd class="mono">${esc(a.id)}</dd>
      <dt>${t(L.status)}</dt><dd>${word(a.status)}</dd>
      <dt>${t(L.requested)}</dt><dd>${when(a.requestedAt)}</dd>
      <dt>${t(L.dueDate)}</dt><dd>${text(a.dueDate ?? "")}</dd>
      <dt>${t(L.closedAt)}</dt><dd>${when(a.closedAt)}</dd>
    </dl>
    <p class="small">${t(L.zone)}: ${esc(e.unit.timeZone)}</p>`,
    `<h2>${t(L.team)}</h2>` +
      table(
        [t(L.auditor), t(L.role)],
        e.members.map((m) => [who(m.employeeId), word(m.role)]),
      ),
    `<h2>${t(L.plan)}</h2><p class="pre">${text(a.planText)}</p>
     <p>${t(L.approvedBy)}: ${who(a.planApprovedById)} · ${t(L.noticeIssued)}: ${when(a.noticeIssuedAt)}</p>`,
    `<h2>${t(L.checklist)}</h2>` +
      table(
        ["#", t(L.item), t(L.result), t(L.note), t(L.evidence), t(L.auditor), t(L.time)],
        e.items.map((i) => [
          String(i.seq),
          esc(locale === "en" && i.textEn ? i.textEn : i.text),
          `<span class="r-${esc(i.result)}">${word(i.result)}</span>`,
          text(i.note),
          [
            text(i.evidenceUrl),
            ...e.files
              .filter((f) => f.itemSeq === i.seq)
              .map(
                (f) =>
                  `<br>${t(L.file)}: ${esc(evidenceFilePath(f))} (${f.bytes} B, SHA-256 <code>${esc(f.sha256)}</code>, ${who(f.uploadedById)}, ${when(f.uploadedAt)})`,
              ),
          ].join(""),
          who(i.markedById),
          when(i.markedAt),
        ]),
      ),
    `<h2>${t(L.findings)}</h2>` +
      table(
        ["#", t(L.severity), t(L.item), t(L.description), t(L.evidence), t(L.auditor), t(L.time)],
        e.findings.map((f) => [
          String(f.seq),
          word(f.severity),
          f.itemSeq === null ? "—" : `#${f.itemSeq}`,
          text(f.description),
          text(f.evidenceUrl),
          who(f.createdById),
          when(f.createdAt),
        ]),
      ),
    `<h2>${t(L.report)}</h2><p class="pre">${text(a.reportText)}</p>`,
    `<h2>${t(L.opinion)}</h2>` +
      table(
        [t(L.holder), t(L.opinion), t(L.note), t(L.time)],
        e.opinions.map((o) => [who(o.employeeId), o.agrees ? t(L.agrees) : t(L.disagrees), text(o.reason), when(o.at)]),
      ),
    `<h2>${t(L.signatures)}</h2>` +
      table(
        [t(L.signedBy), t(L.time)],
        e.signatures.map((s) => [who(s.employeeId), when(s.at)]),
      ),
    `<h2>${t(L.rectifications)}</h2>` +
      table(
        [t(L.findings), t(L.description), t(L.owner), t(L.dueDate), t(L.status), t(L.closing), t(L.time)],
        e.rectifications.map((r) => [
          r.findingSeq === null ? "—" : `#${r.findingSeq}`,
          text(r.description),
          who(r.ownerId),
          esc(r.dueDate),
          word(r.status),
          r.closedById ? `${text(r.closingNote)} — ${who(r.closedById)}` : "—",
          when(r.closedAt),
        ]),
      ),
    `<h2>${t(L.leave)}</h2>` +
      (e.leave
        ? `<dl>
            <dt>${t(L.kind)}</dt><dd>${word(e.leave.kind)}</dd>
            <dt>${t(L.period)}</dt><dd>${esc(`${e.leave.startDate} – ${e.leave.endDate}`)}</dd>
            <dt>${t(L.status)}</dt><dd>${word(e.leave.status)}</dd>
            <dt>${t(L.substitute)}</dt><dd>${who(e.leave.substituteId)}</dd>
            <dt>${t(L.plannedBy)}</dt><dd>${who(e.leave.plannedById)}</dd>
            <dt>${t(L.started)}</dt><dd>${when(e.leave.startedAt)}</dd>
            <dt>${t(L.closedAt)}</dt><dd>${when(e.leave.closedAt)}</dd>
          </dl>`
        : `<p class="none">${t(L.none)}</p>`),
    `<h2>${t(L.handovers)}</h2>` +
      (e.handovers.length === 0
        ? `<p class="none">${t(L.none)}</p>`
        : e.handovers
            .map(
              (h) =>
                `<h3>${word(h.purpose)} · ${word(h.status)}</h3>
                 <p>${t(L.from)}: ${who(h.fromId)} · ${t(L.to)}: ${who(h.toId)} · ${when(h.openedAt)} – ${when(h.completedAt)}</p>` +
                table(
                  ["#", t(L.kind), t(L.description)],
                  h.items.map((i) => [String(i.seq), word(i.kind), text(`${i.description} ${i.quantity}`)]),
                ) +
                table(
                  [t(L.confirmations), t(L.person), t(L.time)],
                  h.confirms.map((c) => [
                    `${c.itemSeq === 0 ? "" : `#${c.itemSeq} `}${word(c.side)}`,
                    who(c.employeeId),
                    when(c.at),
                  ]),
                ),
            )
            .join("")),
    `<h2>${t(L.log)}</h2><p>${t(L.logText)}</p>
     <dl>
       <dt>${t(L.entries)}</dt><dd>${proof.entries}</dd>
       <dt>${t(L.proven)}</dt><dd>${proof.proven} · ${proof.ok ? t(L.verdictOk) : t(L.verdictBad)}</dd>
       <dt>${t(L.checkpoint)}</dt><dd class="mono">${
         proof.checkpoint ? esc(`#${proof.checkpoint.seq} ${proof.checkpoint.hash} ${proof.checkpoint.at}`) : "—"
       }</dd>
       <dt>${t(L.key)}</dt><dd class="mono">${proof.checkpoint ? esc(proof.checkpoint.keyId) : "—"}</dd>
     </dl>
     <p class="small">${t(L.manifest)} ${t(L.generated)}: ${when(generatedAt)}</p>`,
  ];

  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${t(L.title)} · ${esc(postName)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans", "Source Han Sans SC", sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 18pt; margin: 0 0 8pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 2pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 0; }
dt { color: #444; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #bbb; padding: 3pt 4pt; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #f0f0f0; }
tr { break-inside: avoid; }
.pre { white-space: pre-wrap; }
.mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }
.small { font-size: 9pt; color: #444; }
.none { color: #666; }
.r-exception { font-weight: bold; }
</style>
</head>
<body>
${sections.join("\n")}
</body>
</html>
`;
}

/** "2026-12-07 10:00" in the zone. */
export function localTime(d: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
