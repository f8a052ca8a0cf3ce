// A running Keypost service with Teams on, a fake Bot Connector on loopback, a small bank on a real
// database, and people who talk to the bot in Teams: install the app, type messages, press card
// buttons — each as a real activity (fixture shapes from test/fixtures/teams/) posted over HTTP to
// /api/messages. What the bot sends comes back from the fake connector's records.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService, tick, type Service } from "../../src/main.ts";
import type { Provider } from "../../src/infra/db/database.ts";
import { testDatabase, type TestDatabase } from "./databases.ts";
import { CAST, seedSmallBank, type CastName, type SmallBank } from "./small-bank.ts";
import { FakeBotConnector, type Recorded } from "./fake-bot-connector.ts";

export const TENANT = "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10";
export const BOT_ID = "28:7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34";
export const CLIENT_ID = "7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34";
const FIXTURES = join(import.meta.dirname, "../fixtures/teams");

export type Fixture =
  | "message.personal"
  | "invoke.adaptive-card-action"
  | "installation-update.add"
  | "installation-update.remove"
  | "conversation-update.bot-added";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fill(value: Json, vars: Readonly<Record<string, Json>>): Json {
  if (typeof value === "string") {
    const whole = /^\{\{(\w+)\}\}$/.exec(value);
    if (whole && whole[1]! in vars) return vars[whole[1]!]!;
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

export function fixture(name: Fixture, vars: Readonly<Record<string, Json>>): Record<string, Json> {
  return fill(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as Json, vars) as Record<string, Json>;
}

/** The Teams ids of one person of the small bank. */
export function teamsUser(who: CastName) {
  const n = Object.keys(CAST).indexOf(who) + 1;
  const hex = n.toString(16).padStart(12, "0");
  return {
    aadObjectId: `0b6e2f4a-3c1d-4e5f-9a8b-${hex}`,
    userId: `29:1${who}-teams-user-id`,
    conversationId: `a:1${who}-personal-conversation`,
    userName: CAST[who].nameEn,
  };
}

export interface TeamsAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface WorldOptions {
  readonly at: string;
  /** Bot Framework credentials set: every request must carry a valid JWT. */
  readonly credentials?: boolean;
  /** People who have no Teams identity yet (linked by e-mail on first contact). */
  readonly unlinked?: readonly CastName[];
  readonly locale?: string;
  /** Deliver notices right after each change (the service's default) instead of on ticks only. */
  readonly dispatchAfterChange?: boolean;
}

let activityCounter = 0;

export class TeamsWorld {
  private constructor(
    readonly db: TestDatabase,
    readonly bank: SmallBank,
    readonly connector: FakeBotConnector,
    readonly service: Service,
    readonly clock: FixedClock,
    private readonly credentials: boolean,
    /** Where the service keeps evidence files (a fresh directory per world). */
    readonly evidenceDir: string,
  ) {}

  static async start(engine: Provider, options: WorldOptions): Promise<TeamsWorld> {
    const connector = new FakeBotConnector();
    await connector.start();
    const db = await testDatabase(engine);
    const bank = await seedSmallBank(db);
    for (const who of Object.keys(CAST) as CastName[]) {
      if (options.unlinked?.includes(who)) continue;
      await db.prisma.chatIdentity.create({
        data: {
          id: `teams-${who}`,
          employeeId: bank.ids[who],
          platform: "teams",
          externalId: teamsUser(who).aadObjectId,
          tenantId: "",
        },
      });
    }
    const clock = new FixedClock(options.at);
    const evidenceDir = await mkdtemp(join(tmpdir(), "keypost-teams-evidence-"));
    const env: Record<string, string> = {
      KEYPOST_EVIDENCE_DIR: evidenceDir,
      KEYPOST_EVIDENCE_MAX_MB: "1",
      PORT: "0",
      DATABASE_URL: db.url,
      KEYPOST_SCHEDULER: "off",
      KEYPOST_TEAMS: "on",
      TEAMS_ALLOWED_SERVICE_URLS: connector.url,
      TEAMS_ALLOWED_TENANTS: TENANT,
      LOG_LEVEL: "silent",
    };
    if (options.credentials) {
      Object.assign(env, {
        TEAMS_CLIENT_ID: CLIENT_ID,
        TEAMS_CLIENT_SECRET: "fake-secret-for-tests",
        TEAMS_TENANT_ID: TENANT,
        TEAMS_OPENID_URL: connector.openIdMetadataUrl,
        TEAMS_LOGIN_URL: connector.url,
      });
    }
    // Notices go out on the test's ticks only, so what each step sent can be read deterministically.
    const service = await startService(loadConfig(env), {
      clock,
      log: silentLogger,
      dispatchAfterChange: options.dispatchAfterChange ?? false,
    });
    return new TeamsWorld(db, bank, connector, service, clock, options.credentials ?? false, evidenceDir);
  }

  async close(): Promise<void> {
    await this.service.close();
    await this.connector.stop();
    await this.db.drop();
    await rm(this.evidenceDir, { recursive: true, force: true });
  }

  vars(who: CastName, extra: Readonly<Record<string, Json>> = {}): Record<string, Json> {
    return {
      ...teamsUser(who),
      activityId: `f:${++activityCounter}`,
      serviceUrl: this.connector.serviceUrl,
      tenantId: TENANT,
      botId: BOT_ID,
      locale: "en-US",
      text: "",
      ...extra,
    };
  }

  /** Posts an activity as the Bot Connector would (signed when credentials are set, unless `authorization` is given). */
  async post(activity: Record<string, unknown>, authorization?: string | null): Promise<TeamsAnswer> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const auth =
      authorization === undefined
        ? this.credentials
          ? `Bearer ${this.connector.sign({ aud: CLIENT_ID, serviceurl: activity.serviceUrl })}`
          : undefined
        : authorization;
    if (auth) headers.authorization = auth;
    const response = await fetch(`${this.service.url}/api/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
  }

  install(who: CastName): Promise<TeamsAnswer> {
    return this.post(fixture("installation-update.add", this.vars(who)));
  }

  /** Types a message; answers what the bot sent back in reply (not notices delivered meanwhile). */
  async say(who: CastName, text: string): Promise<Recorded[]> {
    const activity = fixture("message.personal", this.vars(who, { text }));
    const answer = await this.post(activity);
    if (answer.status !== 200) throw new Error(`message answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return this.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === activity.id);
  }

  /** Sends files with a typed message, as Teams does (file.download.info attachments); answers the bot's replies. */
  async sendFiles(who: CastName, text: string, files: readonly { id: string; name: string }[]): Promise<Recorded[]> {
    const activity = fixture("message.personal", this.vars(who, { text }));
    activity.attachments = files.map((f) => ({
      contentType: "application/vnd.microsoft.teams.file.download.info",
      contentUrl: `https://contoso-my.sharepoint.com/personal/fake/Documents/Microsoft Teams Chat Files/${f.name}`,
      name: f.name,
      content: {
        downloadUrl: this.connector.downloadUrl(f.id),
        uniqueId: f.id,
        fileType: f.name.split(".").pop() ?? "",
      },
    }));
    const answer = await this.post(activity);
    if (answer.status !== 200) throw new Error(`message answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return this.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === activity.id);
  }

  invoke(
    who: CastName,
    data: Record<string, Json>,
    verb = "press",
    title = "",
    trigger = "manual",
  ): Promise<TeamsAnswer> {
    return this.post(fixture("invoke.adaptive-card-action", this.vars(who, { data, verb, title, trigger })));
  }

  /** Opens a dialog as Teams does for an Action.Submit with `msteams.type: "task/fetch"` (a task/fetch invoke). */
  fetchTask(who: CastName, data: Record<string, Json>): Promise<TeamsAnswer> {
    const activity = fixture("invoke.adaptive-card-action", this.vars(who));
    return this.post({ ...activity, name: "task/fetch", value: { data, context: { theme: "default" } } });
  }

  /** The typeahead of an Input.ChoiceSet with Data.Query: an application/search invoke as Teams sends it. */
  search(who: CastName, dataset: string, queryText: string): Promise<TeamsAnswer> {
    const activity = fixture("invoke.adaptive-card-action", this.vars(who));
    return this.post({
      ...activity,
      name: "application/search",
      value: { kind: "search", queryText, queryOptions: { skip: 0, top: 15 }, dataset },
    });
  }

  /** Delivers what is due now through the service's notifiers (what the tick's dispatch job does). */
  async dispatch(): Promise<void> {
    await this.service.dispatcher.drain(this.service.kernel);
  }

  /** One scheduler tick at the clock's time plus a minute (each tick needs its own minute slot). */
  async tick(at?: string): Promise<void> {
    if (at) this.clock.set(at);
    else this.clock.advance(60_000);
    await tick(this.service.kernel, { dispatcher: this.service.dispatcher }, this.clock.now());
  }
}

// ---- reading Adaptive Cards ----

export type Card = { body?: Element[]; actions?: Element[]; refresh?: Element } & Record<string, unknown>;
export type Element = Record<string, unknown>;

export function cardsIn(recorded: readonly Recorded[]): Card[] {
  return recorded.flatMap((r) => ((r.body.attachments as { content: Card }[] | undefined) ?? []).map((a) => a.content));
}

/** Every text the card shows (TextBlocks, facts, table cells), in order. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const el = node as Element;
    if (el.type === "TextBlock" && typeof el.text === "string") out.push(el.text);
    if (el.type === "FactSet")
      for (const f of el.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    for (const key of ["body", "items", "rows", "cells", "columns"]) if (key in el) walk(el[key]);
  };
  walk(card);
  return out.join("\n");
}

/** Every action of a card (its own, in ActionSets, inside ShowCards), flattened. */
export function actionsOf(card: unknown): Element[] {
  const out: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const el = node as Element;
    if (typeof el.type === "string" && el.type.startsWith("Action.")) out.push(el);
    for (const key of ["body", "items", "actions", "card"]) if (key in el) walk(el[key]);
  };
  walk(card);
  return out;
}

/** The Action.Execute whose title starts with `title` (for a form: the one inside its ShowCard). */
export function executeAction(card: unknown, title: string): { data: Record<string, Json>; inputs: string[] } {
  const all = actionsOf(card);
  const show = all.find((a) => a.type === "Action.ShowCard" && String(a.title).startsWith(title));
  if (show) {
    const inner = actionsOf(show.card).find((a) => a.type === "Action.Execute")!;
    const inputs = ((show.card as Card).body ?? [])
      .filter((e) => String(e.type).startsWith("Input."))
      .map((e) => String(e.id));
    return { data: inner.data as Record<string, Json>, inputs };
  }
  const found = all.find((a) => a.type === "Action.Execute" && String(a.title).startsWith(title));
  if (!found) throw new Error(`no action "${title}" on the card: ${all.map((a) => String(a.title)).join(", ")}`);
  return { data: found.data as Record<string, Json>, inputs: [] };
}

/** The data of the Action.Submit titled `title` (e.g. "Read in full", which opens a dialog). */
export function submitData(card: unknown, title: string): Record<string, Json> {
  const all = actionsOf(card);
  const found = all.find((a) => a.type === "Action.Submit" && String(a.title).startsWith(title));
  if (!found) throw new Error(`no "${title}" on the card: ${all.map((a) => String(a.title)).join(", ")}`);
  return found.data as Record<string, Json>;
}

/** The titles of the buttons a card offers (a form's button once, by its ShowCard). */
export function titlesOf(card: unknown): string[] {
  const all = actionsOf(card);
  const inForms = new Set(all.filter((a) => a.type === "Action.ShowCard").flatMap((a) => actionsOf(a.card)));
  return all
    .filter((a) => !inForms.has(a) && (a.type === "Action.ShowCard" || (a.data as { kp?: string }).kp === "press"))
    .map((a) => String(a.title));
}

/** The task on a home card whose heading starts with `heading` (its facts and buttons). */
export function taskOn(home: Card, heading: string | RegExp): Card {
  const containers = (home.body ?? []).filter((e) => e.type === "Container");
  const found = containers.find((c) => {
    const first = (c.items as Element[])[0];
    return (
      typeof first?.text === "string" &&
      (typeof heading === "string" ? first.text.startsWith(heading) : heading.test(first.text))
    );
  });
  if (!found)
    throw new Error(
      `no task "${heading}" on the home card: ${containers.map((c) => String((c.items as Element[])[0]?.text)).join(" | ")}`,
    );
  return { body: found.items as Element[] };
}
