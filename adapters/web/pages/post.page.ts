// A post's history: every holder (holder assignments only, never a substitute's cover, so no
// mandatory leave shows through), the post's mandatory leaves the viewer may count and its off-post
// audits — the bot's "who took post" answer and the reports' secrecy rule (records.query.ts).
// A post outside the viewer's scope is 404, like an unknown one.
import { postHistory } from "../../../src/app/dashboard/records.query.ts";
import { html } from "../html.ts";
import { MSG } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, localWhen, personLabel, say, word, type Page } from "./page-context.ts";

export const postPage: Page = async (ctx) => {
  const code = ctx.url.searchParams.get("code") ?? "";
  const h = code === "" ? undefined : await postHistory(ctx.kernel, ctx.reports, ctx.who, { now: ctx.now }, code);
  if (!h)
    return {
      title: MSG.postTitle,
      status: 404,
      tables: [],
      body: () =>
        html`<h1>${say(ctx, MSG.postTitle)}</h1>
          <p class="notice" role="alert">${say(ctx, MSG.unknownPost)}</p>`,
    };
  const person = (id: string | null) => (id ? personLabel(ctx, h.people.get(id)) : "");
  const holders: WebTable = {
    id: "holders",
    caption: MSG.holderHistory,
    columns: [
      { key: "employee_code", label: MSG.employee },
      { key: "employee_name", label: { "zh-CN": "姓名", en: "Name" } },
      { key: "from", label: MSG.from },
      { key: "until", label: MSG.until },
      { key: "end_reason", label: MSG.endReason },
    ],
    rows: [...h.holders].reverse().map((t) => [
      t.holder.code,
      // English text carries no Chinese (person-label.ts): no English name, no name.
      ctx.locale === "en" ? (t.holder.nameEn ?? "") : t.holder.name,
      t.from,
      t.until,
      t.endReason,
    ]),
  };
  const leaves: WebTable = {
    id: "leaves",
    caption: MSG.leaves,
    columns: [
      { key: "start_date", label: MSG.leaveStart },
      { key: "end_date", label: MSG.leaveEnd },
      { key: "kind", label: MSG.kind },
      { key: "status", label: MSG.status },
      { key: "holder", label: MSG.onLeave },
      { key: "substitute", label: MSG.substitute },
      ...(h.mayReadLog ? [{ key: "leave_id", label: MSG.log }] : []),
    ],
    rows: h.leaves.map((l) => [
      l.startDate,
      l.endDate,
      word(ctx, l.kind),
      word(ctx, l.status),
      person(l.holderId),
      person(l.substituteId),
      ...(h.mayReadLog ? [{ text: l.id, href: `/app/log?subject=leave:${l.id}` }] : []),
    ]),
  };
  const audits: WebTable = {
    id: "audits",
    caption: MSG.audits,
    columns: [
      { key: "audit_id", label: MSG.auditTitle },
      { key: "holder", label: MSG.holder },
      { key: "status", label: MSG.status },
      { key: "due_date", label: MSG.dueDate },
      { key: "signed_at", label: MSG.signedAt },
      { key: "closed_at", label: MSG.closedAt },
    ],
    rows: h.audits.map((a) => [
      { text: a.fact.id, href: `/app/audit?id=${a.fact.id}` },
      person(a.fact.holderId),
      word(ctx, a.fact.status),
      a.fact.dueDate,
      localWhen(a.fact.signedAt, h.timeZone),
      localWhen(a.fact.closedAt, h.timeZone),
    ]),
  };
  const name = ctx.locale === "en" ? (h.post.nameEn ?? h.post.name) : h.post.name;
  return {
    title: { "zh-CN": `${name}（${h.post.code}）`, en: `${name} (${h.post.code})` },
    tables: [holders, leaves, audits],
    body: (t) =>
      html`<h1>${name} <span class="muted">${h.post.code}</span></h1>
        <p class="asof">
          ${say(ctx, MSG.unit)}:
          <a href="/app/unit?code=${encodeURIComponent(h.post.unitCode)}">${h.post.unitCode}</a> ·
          ${asOfText(ctx, h.timeZone)}
        </p>
        <h2>${say(ctx, MSG.holderHistory)}</h2>
        ${t("holders")}
        <h2>${say(ctx, MSG.leaves)}</h2>
        ${t("leaves")}
        <h2>${say(ctx, MSG.audits)}</h2>
        ${t("audits")}`,
  };
};
