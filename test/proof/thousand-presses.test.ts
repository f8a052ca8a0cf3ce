// Issue #17, "1,000 concurrent button presses on SQLite and on PostgreSQL: no lost update, no error":
// the correctness half of `npm run bench:presses` as a test (the speed half stays a benchmark). A
// thousand notices with an Acknowledge button each, to one person; all thousand presses signed and
// sent to the running service at once over HTTP; then every press answered 200, stored in the inbox,
// acted on once — its token used, its notice acknowledged, one `notice.acknowledged` entry each —
// and none lost. Prints the figures, with the acks' p50 and p99 (the load beside them).
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offer, sendNotice } from "../../src/app/kernel/notify.ts";
import { same } from "../../src/ports/card.ts";
import { slackWorld, type SlackWorld } from "../adapters/slack/slack-harness.ts";
import { ENGINES } from "../support/databases.ts";
import { slackFixture } from "../support/slack-fixtures.ts";
import { sendSigned } from "../support/slack-requests.ts";

const PRESSES = 1_000;

describe.each(ENGINES)("1 000 concurrent button presses on %s", (engine) => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld(engine, "2026-03-02T02:00:00Z");
  }, 180_000);
  afterAll(async () => w?.close());

  it("acts on every press once: no lost update, no error", { timeout: 600_000 }, async () => {
    const p = w.service.db.prisma;
    const hr = w.bank.ids.hr;
    const tokens = await w.service.kernel.uow.run(async (tx) => {
      const person = (await tx.people.byId(hr))!;
      const out: string[] = [];
      for (let i = 0; i < PRESSES; i += 1) {
        const subjectId = `press-${i}`;
        const action = await offer(
          tx,
          { action: "notice.acknowledge", subjectType: "proof", subjectId, version: 1, recipientId: hr },
          same("Acknowledge"),
        );
        await sendNotice(tx, { kind: "proof", subjectType: "proof", subjectId, version: 1 }, [person], async () => ({
          title: same(`Press ${i}`),
          fields: [],
          actions: [action],
        }));
        out.push(action.token);
      }
      return out;
    });

    const load = loadavg()[0]!;
    const timestamp = Math.floor(w.clock.now().getTime() / 1000);
    const started = performance.now();
    const answers = await Promise.all(
      tokens.map(async (token, i) => {
        const payload = slackFixture("block_actions", {
          USER: w.user("hr"),
          TRIGGER: `${i}.${randomUUID()}`,
          ACTION_ID: `kp.press.${i}`,
          VALUE: token,
          RESPONSE_URL: w.fake.responseUrl("press"),
          CHANNEL: `D${w.user("hr").slice(1)}`,
          TS: `1772985600.${String(i).padStart(6, "0")}`,
        });
        const from = performance.now();
        const sent = await sendSigned(w.events, { payload }, { timestamp });
        return { status: sent.status, ms: performance.now() - from };
      }),
    );
    const ackedIn = (performance.now() - started) / 1000;
    await w.service.settled();
    // Acted on by the inbox worker after the acks: wait until nothing is left to act on.
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline && (await p.inboundRequest.count({ where: { platform: "slack", doneAt: null } })) > 0)
      await new Promise((r) => setTimeout(r, 200));
    const actedIn = (performance.now() - started) / 1000;

    const non200 = answers.filter((a) => a.status !== 200).length;
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const pct = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
    const stored = await p.inboundRequest.count({ where: { platform: "slack" } });
    const actedOn = await p.inboundRequest.count({ where: { platform: "slack", doneAt: { not: null }, error: null } });
    const used = await p.actionToken.count({ where: { action: "notice.acknowledge", usedAt: { not: null } } });
    const acknowledged = await p.notice.count({ where: { kind: "proof", acknowledgedAt: { not: null } } });
    const logged = await p.auditLogEntry.count({ where: { action: "notice.acknowledged" } });
    const refused = await p.auditLogEntry.count({ where: { action: { endsWith: ".refused" } } });
    console.log(
      `${PRESSES} concurrent presses on ${engine} (load ${load.toFixed(1)}): non-200 ${non200}; acks p50 ${pct(0.5).toFixed(0)} ms, ` +
        `p99 ${pct(0.99).toFixed(0)} ms, all acked in ${ackedIn.toFixed(1)} s, acted on in ${actedIn.toFixed(1)} s; ` +
        `stored ${stored}/${PRESSES}, acted on ${actedOn}/${PRESSES}, tokens used ${used}/${PRESSES}, ` +
        `notices acknowledged ${acknowledged}/${PRESSES}, logged ${logged}/${PRESSES}, refusals ${refused}`,
    );
    expect(non200).toBe(0);
    expect(stored).toBe(PRESSES);
    expect(actedOn).toBe(PRESSES);
    expect(used).toBe(PRESSES);
    expect(acknowledged).toBe(PRESSES);
    expect(logged).toBe(PRESSES);
    expect(refused).toBe(0);
  });
});
