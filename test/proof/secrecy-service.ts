// Secrecy over the surfaces only a running service has (decision 17.16 left them out): the cards as
// Slack receives them (the blocks of each typed command's answer, App Home as published, the
// notices posted to each person), the Adaptive Cards as the Bot Connector receives them (each typed
// message's replies and the notices posted into the person's chat with the bot: decision 17.s9f-2),
// the web dashboard's HTML pages and CSV downloads over HTTP with a session cookie (every page
// reachable from /app, every CSV link on them), and the service's own pino log lines. By
// difference, as secrecy-surfaces.test.ts does: each role's surfaces are read, HR plans a sealed
// leave (team formed, compliance's notice delivered), and they are read again at the same instant.
// For every role that may not see the leave nothing differs — not a card, a page, a CSV row, nor a
// line the service logged while serving them — and any line logged while the leave was planned and
// its notices sent names none of its people, its post or its dates; HR, compliance and the audit
// team must see a difference (the probe can see a leave at all). Run on each engine by
// secrecy-service.{sqlite,postgres}.test.ts; forcing the leave to count as revealed gives leaks.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Provider } from "../../src/infra/db/database.ts";
import { formTeam } from "../../src/app/audit/form-team.ts";
import { envOf, execute } from "../../src/app/kernel/execute.ts";
import { planLeave } from "../../src/app/leave/plan-leave.ts";
import { leaveNoticeDelivered } from "../../src/app/leave/record-compliance-notice.ts";
import { NEW } from "../../src/domain/machine/machine.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { slackWorld, type SlackWorld } from "../adapters/slack/slack-harness.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import type { CastName } from "../support/small-bank.ts";
import { fixture, TENANT } from "../support/teams-world.ts";
import { MATRIX_AT, MATRIX_ROLES, MatrixWorld, type CellLeave, type MatrixRole } from "./leave-matrix.ts";

/** Who may see a sealed leave before it starts: HR and compliance in scope, its audit team. */
const INSIDERS: readonly MatrixRole[] = ["hr", "compliance", "auditor_of_this_audit"];
const CAST_OF: Partial<Record<MatrixRole, CastName>> = {
  holder_on_leave: "incoming",
  auditor_of_this_audit: "leader",
  auditor_of_another_audit: "member",
  manager_of_the_unit: "manager",
  manager_of_another_unit: "otherManager",
  hr: "hr",
  compliance: "compliance",
  executive: "executive",
};
/** The sealed leave: Monday 16 to Friday 20 March 2026 in Shanghai (the world's instant is 10 March). */
const LEAVE = { startDate: "2026-03-16", endDate: "2026-03-20" } as const;
/** What a person types: the commands and questions whose answers are cards. */
const TYPED = [
  "status",
  "tasks",
  "audit",
  "report",
  "who is on leave",
  "who's off next week",
  "who is covering",
  "open handovers",
  "open audits",
  "status of SB1",
  "谁在休假",
];
/** Pages the crawl never opens: they change the session or leave the dashboard. */
const NOT_CRAWLED = /^\/app\/(sign-out|sign-in|lang|oidc)/;
const MAX_PAGES = 20;

/** Fresh tokens, ids, nonces and cookies aside, a surface is its text. */
function normalised(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? "(nothing)");
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
    .replace(/[A-Za-z0-9_+/=-]{22,}/g, "<token>");
}

/** A log line without what differs from one request to the next (time, request id, duration). */
function logLine(line: string): string {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  for (const key of ["time", "pid", "hostname", "reqId", "responseTime", "ms", "durationMs", "elapsedMs"])
    delete parsed[key];
  // The test's own Teams activity ids (f:1, f:2, …) differ from one request to the next, as request ids do.
  return normalised(parsed)
    .replace(/"(\w*[Mm]s|took)":\d+(\.\d+)?/g, '"$1":<n>')
    .replace(/\bf:\d+\b/g, "f:<n>");
}

/** Roles whose notices go to Teams (`platform teams`); the others' go to Slack: both renderers are read. */
const NOTICES_ON_TEAMS: ReadonlySet<MatrixRole> = new Set([
  "holder_on_leave",
  "auditor_of_this_audit",
  "manager_of_the_unit",
  "hr",
  "executive",
]);

/** A role's Teams ids (its own personal conversation with the bot). */
function teamsIds(role: MatrixRole) {
  const hex = (MATRIX_ROLES.indexOf(role) + 1).toString(16).padStart(12, "0");
  return {
    aadObjectId: `0b6e2f4a-3c1d-4e5f-9a8b-${hex}`,
    userId: `29:1${role}-teams-user-id`,
    conversationId: `a:1${role}-personal-conversation`,
    userName: role,
  };
}

let activities = 0;

/** The whole probe on one engine: Slack and Teams on, one service, one sealed leave. */
export function secrecyThroughService(engine: Provider): void {
  describe(`a sealed leave through the running service on ${engine}: Slack and Teams cards, the dashboard over HTTP, the log`, () => {
    let w: SlackWorld;
    let world: MatrixWorld;
    const connector = new FakeBotConnector();
    const lines: string[] = [];
    beforeAll(async () => {
      await connector.start();
      w = await slackWorld(engine, MATRIX_AT, {
        log: createLogger("debug", (line) => lines.push(line)),
        // Teams too, in its development mode (no Bot Framework credentials): the same service answers both.
        env: { KEYPOST_TEAMS: "on", TEAMS_ALLOWED_SERVICE_URLS: connector.url, TEAMS_ALLOWED_TENANTS: TENANT },
      });
      world = await MatrixWorld.open(w.service.db, w.bank);
    }, 180_000);
    afterAll(async () => {
      await w?.close();
      await connector.stop();
    });

    /** An activity from `role`'s Teams account, as the Bot Connector posts it to /api/messages. */
    async function teamsPost(role: MatrixRole, name: "message.personal" | "installation-update.add", text = "") {
      const activity = fixture(name, {
        ...teamsIds(role),
        activityId: `f:${(activities += 1)}`,
        serviceUrl: connector.serviceUrl,
        tenantId: TENANT,
        botId: "28:7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34",
        locale: "en-US",
        text,
      });
      const response = await fetch(`${w.service.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity),
      });
      const answer = await response.text();
      await w.service.settled();
      if (response.status !== 200) throw new Error(`Teams ${name} answered ${response.status}: ${answer}`);
      return activity;
    }

    /** What the Bot Connector received for `role`: the replies to `text`, as Adaptive Card JSON and text. */
    async function teamsAnswer(role: MatrixRole, text: string): Promise<string> {
      const activity = await teamsPost(role, "message.personal", text);
      const replies = connector
        .to(teamsIds(role).conversationId)
        .filter((r) => r.body.replyToId === activity.id)
        .map((r) => ({ text: r.body.text, attachments: r.body.attachments }));
      return normalised(replies);
    }

    /**
     * Until nothing a request set going is under way — presses, home refreshes, requests being answered —
     * so every line it logs is written (it waited a fixed 250 ms before: decision 13.s10t-2).
     */
    const quiet = (): Promise<void> => w.service.quiet();

    /** Everything `user` can read through the service now, surface by surface, and the lines logged meanwhile. */

    async function snapshot(role: MatrixRole, user: string): Promise<Record<string, string>> {
      // Lines a request logs after it answered (a listener's error) must land in their own role's window.
      await quiet();
      const from = lines.length;
      const out: Record<string, string> = {};
      for (const text of TYPED) out[`Slack card: ${text}`] = normalised(await w.slashAnswer(user, text));
      for (const text of TYPED) out[`Teams card: ${text}`] = await teamsAnswer(role, text);
      // Notices posted into their chat with the bot (activities that answer nothing).
      out["Teams notices"] = normalised(
        connector
          .to(teamsIds(role).conversationId)
          .filter((r) => r.method === "POST" && r.body.replyToId === undefined)
          .map((r) => ({ summary: r.body.summary, attachments: r.body.attachments })),
      );
      const published = w.fake.callsOf("views.publish").length;
      await w.event("app_home_opened", user);
      out["Slack App Home"] = normalised(
        w.fake
          .callsOf("views.publish")
          .slice(published)
          .filter((c) => c.args.user_id === user)
          .map((c) => c.args.view),
      );
      out["Slack notices"] = normalised(
        w.fake.messages
          .filter((m) => m.channel === `D${user.slice(1)}`)
          .map((m) => ({ text: (m as { text?: unknown }).text, blocks: (m as { blocks?: unknown }).blocks })),
      );
      const link = await w.slashAnswer(user, "dashboard");
      const url = new RegExp(`${w.service.url}/app/sign-in\\?token=[A-Za-z0-9_-]+`).exec(link.text)?.[0];
      if (url === undefined) out["dashboard link"] = normalised(link);
      else Object.assign(out, await dashboard(url));
      await quiet();
      // Lines whose presence is only timing (an event acked empty past Slack's 3 s on a loaded machine)
      // are left out: they carry the event's type alone, and came and went between runs (17.s9f-2).
      out["service log"] = normalised(
        lines
          .slice(from)
          .filter((l) => !l.includes("slack event slow"))
          .map(logLine)
          .sort()
          .join("\n"),
      );
      return out;
    }

    /** Signs in with the one-time link and reads every page reachable from /app and every CSV on them. */
    async function dashboard(url: string): Promise<Record<string, string>> {
      const token = new URL(url).searchParams.get("token")!;
      const signedIn = await fetch(`${w.service.url}/app/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ token }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const out: Record<string, string> = {};
      const queue = ["/app"];
      const seen = new Set(queue);
      while (queue.length > 0 && Object.keys(out).length < MAX_PAGES * 4) {
        const path = queue.shift()!;
        const response = await fetch(`${w.service.url}${path}`, { headers: { cookie }, redirect: "manual" });
        const body = await response.text();
        out[`dashboard ${path.includes("csv=") ? "CSV" : "page"} ${normalised(path)}`] =
          `${response.status} ${normalised(body)}`;
        if (path.includes("csv=")) continue;
        for (const match of body.matchAll(/href="(\/app[^"#]*)"/g)) {
          const next = match[1]!.replaceAll("&amp;", "&");
          if (NOT_CRAWLED.test(next) || seen.has(next)) continue;
          if (!next.includes("csv=") && [...seen].filter((s) => !s.includes("csv=")).length >= MAX_PAGES) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      return out;
    }

    it("shows a sealed leave to nobody the rules keep it from, on any of these surfaces", async () => {
      const p = w.service.db.prisma;
      const leave: CellLeave = await world.leaveIn(NEW);
      await p.employee.update({ where: { id: leave.holderId }, data: { name: "秘密持有人", nameEn: "Hidden Holder" } });
      await p.employee.update({
        where: { id: leave.substituteId },
        data: { name: "秘密代岗人", nameEn: "Secret Cover" },
      });
      const substitute = await p.employee.findUniqueOrThrow({ where: { id: leave.substituteId } });
      const ids = world.idsFor(leave, randomUUID());
      const users = {} as Record<MatrixRole, string>;
      for (const role of MATRIX_ROLES) {
        const cast = CAST_OF[role];
        users[role] = cast
          ? w.user(cast)
          : `U0SEC${role === "holder" ? "HOLD" : role === "substitute" ? "SUBS" : "NONE"}`;
        if (role === "holder" || role === "substitute")
          await p.chatIdentity.create({
            data: {
              id: randomUUID(),
              employeeId: ids[role],
              platform: "slack",
              externalId: users[role],
              tenantId: "T0TEST",
            },
          });
        // Everyone of the register also talks to Keypost in Teams (the app installed: a conversation to post to).
        if (role !== "unmapped_user") {
          await p.chatIdentity.create({
            data: {
              id: randomUUID(),
              employeeId: ids[role],
              platform: "teams",
              externalId: teamsIds(role).aadObjectId,
              tenantId: "",
            },
          });
          if (NOTICES_ON_TEAMS.has(role))
            await p.employee.update({ where: { id: ids[role] }, data: { preferredPlatform: "teams" } });
        }
        await teamsPost(role, "installation-update.add");
      }
      // The scheduler's jobs run and what the world's building left to send goes out first: "before" holds them.
      await w.tick();
      await w.dispatch();

      const before = new Map<MatrixRole, Record<string, string>>();
      for (const role of MATRIX_ROLES) before.set(role, await snapshot(role, users[role]));

      // Planned through the service's own kernel (its clock is the snapshots' instant).
      const kernel = w.service.kernel;
      const planningFrom = lines.length;
      expect(
        await execute(
          kernel,
          planLeave,
          { post: leave.postCode, ...LEAVE, kind: "triggered", trigger: "tip_off", substitute: substitute.code },
          { personId: ids.hr, platform: "slack" },
        ),
      ).toMatchObject({ ok: true });
      const row = await p.leave.findFirstOrThrow({ where: { holderId: leave.holderId, status: "planned" } });
      const audit = await p.audit.findFirstOrThrow({ where: { leaveId: row.id } });
      const team = [
        { person: "E-A1", role: "team_leader" },
        { person: "E-A2", role: "lead_auditor" },
      ];
      expect(
        await execute(
          world.kernel,
          formTeam,
          { auditId: audit.id, team },
          { personId: ids.compliance, platform: "slack" },
        ),
      ).toMatchObject({ ok: true });
      await kernel.uow.run((tx) => leaveNoticeDelivered(tx, envOf(kernel), row.id));
      // The service's scheduler at the same instant (its jobs log), then the notices out through Slack.
      await w.tick();
      const sent = await w.dispatch();
      const planningLines = lines.slice(planningFrom);

      const after = new Map<MatrixRole, Record<string, string>>();
      for (const role of MATRIX_ROLES) after.set(role, await snapshot(role, users[role]));

      const leaks: string[] = [];
      const seen: string[] = [];
      const seenOnTeams: string[] = [];
      let surfaces = 0;
      const kinds = new Map<string, number>();
      for (const role of MATRIX_ROLES) {
        const was = before.get(role)!;
        const now = after.get(role)!;
        surfaces += Object.keys(now).length;
        for (const surface of Object.keys(now)) {
          const kind = surface.split(" ").slice(0, 2).join(" ");
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        const changed = [...new Set([...Object.keys(now), ...Object.keys(was)])].filter((s) => now[s] !== was[s]);
        if (INSIDERS.includes(role)) {
          if (changed.length > 0) seen.push(role);
          if (changed.some((c) => c.startsWith("Teams"))) seenOnTeams.push(role);
          continue;
        }
        for (const surface of changed) {
          // Name what differs: the first line that is new (a log line, or the start of a card's text).
          const old = new Set((was[surface] ?? "").split("\n"));
          const first = (now[surface] ?? "").split("\n").find((l) => !old.has(l)) ?? "(a line gone)";
          leaks.push(`${role} · ${surface}: changed once the sealed leave was planned — ${first.slice(0, 400)}`);
        }
      }
      // The log of the planning and of its notices' delivery names nobody and nothing of the leave.
      const markers = [
        "Hidden Holder",
        "秘密持有人",
        "Secret Cover",
        "秘密代岗人",
        substitute.code,
        leave.postCode,
        LEAVE.startDate,
        LEAVE.endDate,
      ];
      const named = planningLines.filter((line) => markers.some((m) => line.includes(m)));
      console.log(
        `secrecy through the service (${engine}, Slack and Teams): ${MATRIX_ROLES.length} roles, ${surfaces} surfaces read ` +
          `(${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}); notices sent for the sealed leave ${sent.sent}; ` +
          `leaks ${leaks.length} (${[...new Set(leaks.map((l) => l.split(" · ")[1]!.split(":")[0]!.split(" ").slice(0, 2).join(" ")))].join(", ") || "none"}); ` +
          `insiders who see it ${seen.length}/${INSIDERS.length} (on Teams cards: ${seenOnTeams.join(", ") || "none"}); ` +
          `service log lines ${lines.length} (${planningLines.length} while planning and sending), naming the leave ${named.length}`,
      );
      expect(leaks).toEqual([]);
      expect(named).toEqual([]);
      expect(seen.sort()).toEqual([...INSIDERS].sort());
      // The Teams probe can see a leave at all: an insider's Adaptive Cards changed.
      expect(seenOnTeams.length).toBeGreaterThan(0);
    }, 1_800_000);
  });
}
