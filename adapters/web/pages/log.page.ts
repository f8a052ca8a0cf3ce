// The audit log of one audit or leave with its verification result: the entries the viewer may
// read (an entry still sealed for them is counted, not shown), verified as `keypost verify-log
// --file` verifies an export — every hash, every link, every signed checkpoint — against a
// checkpoint signed for this reading. Compliance's only, like the log's export (records.query.ts).
import { subjectLog } from "../../../src/app/dashboard/records.query.ts";
import { html } from "../html.ts";
import { MSG } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, localWhen, personLabel, say, type Page } from "./page-context.ts";

export const logPage: Page = async (ctx) => {
  const subject = ctx.url.searchParams.get("subject") ?? "";
  const found = await subjectLog(ctx.reports, ctx.records, ctx.who, { now: ctx.now }, subject);
  if (!found)
    return {
      title: MSG.logTitle,
      status: 404,
      tables: [],
      body: () =>
        html`<h1>${say(ctx, MSG.logTitle)}</h1>
          <p class="notice" role="alert">${say(ctx, MSG.unknownSubject)}</p>`,
    };
  const back =
    found.subject.type === "audit"
      ? html`<a href="/app/audit?id=${found.subject.id}">${say(ctx, MSG.auditTitle)} ${found.postCode}</a>`
      : html`<a href="/app/post?code=${encodeURIComponent(found.postCode)}"
          >${say(ctx, MSG.leaves)} ${found.postCode}</a
        >`;
  const heading = html`<h1>${say(ctx, MSG.logTitle)}</h1>
    <p class="asof">${say(ctx, MSG.subject)}: <code>${found.subject.type}:${found.subject.id}</code> · ${back}</p>
    <p class="asof">${asOfText(ctx, ctx.timeZone)}</p>`;
  const log = found.log;
  if (log === "no-key")
    return {
      title: MSG.logTitle,
      tables: [],
      body: () =>
        html`${heading}
          <p class="notice" role="status" data-verdict="no-key">${say(ctx, MSG.noSigningKey)}</p>`,
    };
  const entries: WebTable = {
    id: "entries",
    caption: MSG.entries,
    columns: [
      { key: "seq", label: MSG.seq, numeric: true },
      { key: "at", label: MSG.time },
      { key: "actor", label: MSG.actor },
      { key: "platform", label: MSG.platform },
      { key: "action", label: MSG.action },
      { key: "hash", label: MSG.hash },
    ],
    rows: log.entries.map((e) => [
      e.seq,
      localWhen(e.at, ctx.timeZone),
      e.actorId ? personLabel(ctx, found.people.get(e.actorId)) : say(ctx, MSG.system),
      e.platform,
      e.action,
      e.hash,
    ]),
  };
  const v = log.verdict;
  return {
    title: MSG.logTitle,
    tables: [entries],
    body: (t) =>
      html`${heading}
        ${
          v.ok
            ? html`<p class="verdict ok" role="status" data-verdict="ok">${say(ctx, MSG.verified)}</p>`
            : html`<div class="notice" role="alert" data-verdict="failed">
                <p>${say(ctx, MSG.notVerified)}</p>
                <ul lang="en">
                  ${v.problems.map((p) => html`<li>${p}</li>`)}
                </ul>
              </div>`
        }
        <p data-proven="${v.proven}" data-entries="${v.entries}">
          ${say(ctx, MSG.proven(v.proven, v.entries, v.checkpoints, log.signedSeq))} ${say(ctx, MSG.keyIds)}:
          <code>${v.keyIds.join(", ") || "—"}</code>
        </p>
        ${log.withheld > 0 ? html`<p class="muted" data-withheld="${log.withheld}">${say(ctx, MSG.withheld(log.withheld))}</p>` : ""}
        ${t("entries")}`,
  };
};
