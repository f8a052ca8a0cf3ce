// An off-post audit's record: its checklist with each item's result, the findings, the holder's
// opinion, the signatures and the rectifications, with the evidence pack's download and the log's
// link for compliance (records.query.ts). Visible exactly when the reports count the audit: an
// audit of a sealed leave is 404 for anyone who may not see that leave yet.
import { auditRecord } from "../../../src/app/dashboard/records.query.ts";
import { html } from "../html.ts";
import { MSG } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, localWhen, personLabel, say, word, type Page } from "./page-context.ts";
import { evidencePath } from "../../../src/app/records/evidence-pack-link.ts";

export const auditPage: Page = async (ctx) => {
  const id = ctx.url.searchParams.get("id") ?? "";
  const record = /^[0-9a-f-]{8,64}$/i.test(id)
    ? await auditRecord(ctx.reports, ctx.records, ctx.who, { now: ctx.now }, id)
    : undefined;
  if (!record)
    return {
      title: MSG.auditTitle,
      status: 404,
      tables: [],
      body: () =>
        html`<h1>${say(ctx, MSG.auditTitle)}</h1>
          <p class="notice" role="alert">${say(ctx, MSG.unknownAudit)}</p>`,
    };
  const e = record.evidence;
  const zone = e.unit.timeZone;
  const who = (pid: string | null) => (pid ? personLabel(ctx, e.people.get(pid)) : "");
  const team: WebTable = {
    id: "team",
    caption: MSG.team,
    columns: [
      { key: "role", label: MSG.role },
      { key: "person", label: MSG.person },
    ],
    rows: e.members.map((m) => [word(ctx, m.role), who(m.employeeId)]),
  };
  const checklist: WebTable = {
    id: "checklist",
    caption: MSG.checklist,
    columns: [
      { key: "seq", label: MSG.seq, numeric: true },
      { key: "item", label: MSG.item },
      { key: "result", label: MSG.result },
      { key: "note", label: MSG.note },
      { key: "evidence_url", label: MSG.evidenceLink },
      { key: "marked_by", label: MSG.markedBy },
      { key: "marked_at", label: MSG.markedAt },
    ],
    rows: e.items.map((i) => [
      i.seq,
      ctx.locale === "en" && i.textEn !== "" ? i.textEn : i.text,
      word(ctx, i.result),
      i.note,
      i.evidenceUrl,
      who(i.markedById),
      localWhen(i.markedAt, zone),
    ]),
  };
  const findings: WebTable = {
    id: "findings",
    caption: MSG.findings,
    columns: [
      { key: "seq", label: MSG.seq, numeric: true },
      { key: "severity", label: MSG.severity },
      { key: "item_seq", label: MSG.item, numeric: true },
      { key: "description", label: MSG.description },
      { key: "evidence_url", label: MSG.evidenceLink },
      { key: "by", label: MSG.person },
      { key: "at", label: MSG.time },
    ],
    rows: e.findings.map((f) => [
      f.seq,
      word(ctx, f.severity),
      f.itemSeq,
      f.description,
      f.evidenceUrl,
      who(f.createdById),
      localWhen(f.createdAt, zone),
    ]),
  };
  const opinions: WebTable = {
    id: "opinions",
    caption: MSG.opinions,
    columns: [
      { key: "person", label: MSG.person },
      { key: "agrees", label: MSG.agrees },
      { key: "reason", label: MSG.reason },
      { key: "at", label: MSG.time },
    ],
    rows: e.opinions.map((o) => [
      who(o.employeeId),
      say(ctx, o.agrees ? MSG.yes : MSG.no),
      o.reason,
      localWhen(o.at, zone),
    ]),
  };
  const signatures: WebTable = {
    id: "signatures",
    caption: MSG.signatures,
    columns: [
      { key: "signed_by", label: MSG.signedBy },
      { key: "at", label: MSG.time },
    ],
    rows: e.signatures.map((s) => [who(s.employeeId), localWhen(s.at, zone)]),
  };
  const rectifications: WebTable = {
    id: "rectifications",
    caption: MSG.rectifications,
    columns: [
      { key: "finding_seq", label: MSG.findings, numeric: true },
      { key: "description", label: MSG.description },
      { key: "owner", label: MSG.owner },
      { key: "due_date", label: MSG.rectDue },
      { key: "status", label: MSG.status },
      { key: "closing_note", label: MSG.note },
      { key: "closed_at", label: MSG.closedAt },
    ],
    rows: e.rectifications.map((r) => [
      r.findingSeq,
      r.description,
      who(r.ownerId),
      r.dueDate,
      word(ctx, r.status),
      r.closingNote,
      localWhen(r.closedAt, zone),
    ]),
  };
  const postName = ctx.locale === "en" ? (e.post.nameEn ?? e.post.name) : e.post.name;
  const a = e.audit;
  const para = (text: string) =>
    text.trim() === "" ? html`<p class="muted">—</p>` : html`<p class="text">${text}</p>`;
  return {
    title: { "zh-CN": `离岗审计 ${e.post.code}`, en: `Off-post audit ${e.post.code}` },
    tables: [team, checklist, findings, opinions, signatures, rectifications],
    body: (t) =>
      html`<h1>${say(ctx, MSG.auditTitle)} <span class="muted">${postName}</span></h1>
        <p class="asof">${asOfText(ctx, zone)}</p>
        <dl class="facts">
          <dt>${say(ctx, MSG.auditOf)}</dt>
          <dd>
            <a href="/app/post?code=${encodeURIComponent(e.post.code)}">${postName} (${e.post.code})</a> ·
            ${who(e.holderId)}
          </dd>
          <dt>${say(ctx, MSG.unit)}</dt>
          <dd><a href="/app/unit?code=${encodeURIComponent(e.unit.code)}">${e.unit.name} (${e.unit.code})</a></dd>
          <dt>${say(ctx, MSG.status)}</dt>
          <dd data-status="${a.status}">${word(ctx, a.status)}</dd>
          <dt>${say(ctx, MSG.dueDate)}</dt>
          <dd>${a.dueDate ?? "—"}</dd>
          <dt>${say(ctx, MSG.closedAt)}</dt>
          <dd>${localWhen(a.closedAt, zone) || "—"}</dd>
        </dl>
        ${
          record.mayDownload
            ? html`<p>
                  <a class="evidence" href="${evidencePath(a.id)}" download="evidence-audit-${a.id}.zip"
                    >${say(ctx, MSG.evidencePack)}</a
                  >
                  · <a href="/app/log?subject=audit:${a.id}">${say(ctx, MSG.auditLog)}</a>
                </p>
                <p class="muted">${say(ctx, MSG.evidenceNote)}</p>`
            : ""
        }
        <h2>${say(ctx, MSG.team)}</h2>
        ${t("team")}
        <h2>${say(ctx, MSG.plan)}</h2>
        ${para(a.planText)}
        <h2>${say(ctx, MSG.checklist)}</h2>
        ${t("checklist")}
        <h2>${say(ctx, MSG.findings)}</h2>
        ${t("findings")}
        <h2>${say(ctx, MSG.reportText)}</h2>
        ${para(a.reportText)}
        <h2>${say(ctx, MSG.opinions)}</h2>
        ${t("opinions")}
        <h2>${say(ctx, MSG.signatures)}</h2>
        ${t("signatures")}
        <h2>${say(ctx, MSG.rectifications)}</h2>
        ${t("rectifications")}`,
  };
};
