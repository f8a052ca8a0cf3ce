// The running service with Slack configured against a fake Slack Web API on loopback, over a test
// database seeded with the small bank; helpers that send signed requests as a cast member — or, in
// Socket Mode, the same bodies as envelopes over a fake Socket Mode WebSocket, answered by their ack.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/infra/config.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import type { Logger } from "../../../src/ports/logger.ts";
import { startService, buildNotifiers, tick, type Service } from "../../../src/main.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import type { DispatchReport } from "../../../src/app/delivery/delivery-outcome.ts";
import { Dispatcher } from "../../../src/app/delivery/dispatcher.ts";
import type { Provider } from "../../../src/infra/db/database.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { FakeSocketMode } from "../../support/fake-socket-mode.ts";
import { slackFixture, slashCommandForm } from "../../support/slack-fixtures.ts";
import {
  sendSigned,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type Sent,
  type SignOptions,
  type SlackBody,
} from "../../support/slack-requests.ts";
import { CAST, seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";

export interface SlackWorld {
  readonly service: Service;
  readonly fake: FakeSlack;
  /** Socket Mode's fake WebSocket server (when the world runs in Socket Mode). */
  readonly socket?: FakeSocketMode;
  readonly bank: SmallBank;
  readonly clock: FixedClock;
  readonly events: string;
  /** Where the service keeps evidence files (a fresh directory per world). */
  readonly evidenceDir: string;
  /** The Slack user id of a cast member (seeded as U0TEST001…). */
  user(who: CastName): string;
  send(body: SlackBody, options?: Partial<SignOptions>): Promise<Sent>;
  slash(who: CastName | string, text: string): Promise<Sent>;
  /** The ephemeral answer to a slash command: in the HTTP response, or (past the ack budget on a busy machine) posted to its response_url. */
  slashAnswer(
    who: CastName | string,
    text: string,
  ): Promise<{ response_type: string; text: string; blocks?: unknown[] }>;
  /** `sign` varies the signing, e.g. a later timestamp for a second click (Slack signs each request anew). */
  press(
    who: CastName | string,
    actionId: string,
    value: string,
    where?: { channel: string; ts: string } | "home",
    sign?: Partial<SignOptions>,
  ): Promise<Sent>;
  submit(
    who: CastName | string,
    metadata: unknown,
    values: Record<string, Record<string, unknown>>,
    viewId?: string,
  ): Promise<Sent>;
  event(
    fixture: "app_home_opened" | "message_im" | "message_file_share",
    who: CastName | string,
    values?: Record<string, unknown>,
    retryNum?: number,
  ): Promise<Sent>;
  /** What the options load URL answers as the person types `value` in a picker (a signed block_suggestion). */
  suggest(who: CastName | string, blockId: string, value: string, actionId?: string): Promise<Sent>;
  tick(at?: string): Promise<void>;
  /** Delivers what is due now through the Slack notifier (what the tick's dispatch job does). */
  dispatch(): Promise<DispatchReport>;
  close(): Promise<void>;
}

export const SLACK_USERS: Record<CastName, string> = Object.fromEntries(
  Object.keys(CAST).map((name, i) => [name, `U0TEST${String(i + 1).padStart(3, "0")}`]),
) as Record<CastName, string>;

export const TEST_APP_TOKEN = "xapp-1-A0KEYPOST-0000-not-a-real-token";

/** A request body as its Socket Mode envelope: events, interactivity, or the slash command. */
function envelopeOf(body: SlackBody): { type: "events_api" | "interactive" | "slash_commands"; payload: unknown } {
  if ("json" in body) return { type: "events_api", payload: body.json };
  if ("payload" in body) return { type: "interactive", payload: body.payload };
  return { type: "slash_commands", payload: body.form };
}

export async function slackWorld(
  engine: Provider,
  at: string,
  options: {
    readonly socketMode?: boolean;
    readonly env?: Record<string, string>;
    /** The service's logger (silent unless given: a test that reads the log passes its own). */
    readonly log?: Logger;
  } = {},
): Promise<SlackWorld> {
  const db: TestDatabase = await testDatabase(engine);
  const bank = await seedSmallBank(db);
  await db.close();
  const fake = await FakeSlack.start();
  fake.fileToken = TEST_BOT_TOKEN;
  const evidenceDir = await mkdtemp(join(tmpdir(), "keypost-slack-evidence-"));
  const socket = options.socketMode ? await FakeSocketMode.start() : undefined;
  fake.socketUrl = socket?.url;
  for (const [name, c] of Object.entries(CAST))
    fake.emails.set(SLACK_USERS[name as CastName], `${c.code.toLowerCase()}@bank.example`);
  const clock = new FixedClock(at);
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: db.url,
    KEYPOST_SCHEDULER: "off",
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    ...(socket ? { SLACK_APP_TOKEN: TEST_APP_TOKEN } : { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }),
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "silent",
    KEYPOST_EVIDENCE_DIR: evidenceDir,
    KEYPOST_EVIDENCE_MAX_MB: "1",
    // Slack's one message a second per channel is proved by the notifier's and limiter's own tests;
    // here it would make a person sent three notices wait two real seconds (decision 13.s11t-6).
    SLACK_CHANNEL_RATE: "1000",
    ...options.env,
  });
  const service = await startService(config, {
    clock,
    log: options.log ?? silentLogger,
    dispatchAfterChange: false,
  });
  const events = `${service.url}/slack/events`;
  const dispatcher = new Dispatcher(buildNotifiers(options.log ?? silentLogger, config));
  let triggers = 0;
  /** Slack gives every interaction its own trigger id. */
  const trigger = () => `${1_000_000 + (triggers += 1)}.1772985600.${"ab".repeat(16)}`;
  const userOf = (who: CastName | string) => (who in SLACK_USERS ? SLACK_USERS[who as CastName] : who);
  /** Socket Mode: the body as an envelope; the answer is its ack (200) or none within the wait (504). */
  const overSocket = async (s: FakeSocketMode, body: SlackBody, o: Partial<SignOptions>): Promise<Sent> => {
    const { type, payload } = envelopeOf(body);
    const id = s.send(type, payload, o.retryNum === undefined ? {} : { retryAttempt: o.retryNum });
    const ack = await s.ackOf(id);
    const text = ack?.payload && Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : "";
    return { status: ack ? 200 : 504, text, json: () => JSON.parse(text) };
  };
  const world: SlackWorld = {
    service,
    fake,
    ...(socket ? { socket } : {}),
    bank,
    clock,
    events,
    evidenceDir,
    user: (who) => SLACK_USERS[who],
    // A press is acknowledged once accepted and acted on just after: wait for that, as a person would.
    send: async (body, o = {}) => {
      const sent = socket
        ? await overSocket(socket, body, o)
        : await sendSigned(events, body, { timestamp: Math.floor(clock.now().getTime() / 1000), ...o });
      await service.settled();
      return sent;
    },
    slash: (who, text) =>
      world.send({
        form: slashCommandForm({
          USER: userOf(who),
          TRIGGER: trigger(),
          TEXT: text,
          RESPONSE_URL: fake.responseUrl("slash"),
        }),
      }),
    slashAnswer: async (who, text) => {
      const from = fake.responses.length;
      const res = await world.slash(who, text);
      if (res.status !== 200) throw new Error(`slash command answered ${res.status} ${res.text}`);
      if (res.text !== "") return res.json() as never;
      const late = await fake.until("the late answer on response_url", () =>
        fake.responses.slice(from).find((r) => r.method === "slash"),
      );
      return late.args as never;
    },
    press: (who, actionId, value, where, sign) => {
      const common = {
        USER: userOf(who),
        TRIGGER: trigger(),
        ACTION_ID: actionId,
        VALUE: value,
        RESPONSE_URL: fake.responseUrl("press"),
      };
      const payload =
        where === "home"
          ? slackFixture("block_actions_home", common)
          : slackFixture("block_actions", {
              ...common,
              CHANNEL: where?.channel ?? "D0NONE",
              TS: where?.ts ?? "1.000000",
            });
      return world.send({ payload }, sign);
    },
    submit: (who, metadata, values, viewId = `V${Math.floor(Math.random() * 1e9)}`) =>
      world.send({
        payload: slackFixture("view_submission", {
          USER: userOf(who),
          TRIGGER: trigger(),
          VIEW_ID: viewId,
          METADATA: JSON.stringify(metadata),
          VALUES: values,
        }),
      }),
    event: (fixture, who, values = {}, retryNum) =>
      world.send(
        {
          json: slackFixture(fixture, {
            USER: userOf(who),
            EVENT_ID: `Ev${Math.floor(Math.random() * 1e12)}`,
            CHANNEL: `D${userOf(who).slice(1)}`,
            TEXT: "",
            ...values,
          }),
        },
        retryNum === undefined ? {} : { retryNum },
      ),
    suggest: (who, blockId, value, actionId = "v.person") =>
      world.send({
        payload: slackFixture("block_suggestion", {
          USER: userOf(who),
          VIEW_ID: `V${Math.floor(Math.random() * 1e9)}`,
          ACTION_ID: actionId,
          BLOCK_ID: blockId,
          VALUE: value,
        }),
      }),
    tick: async (instant) => {
      if (instant) clock.set(instant);
      await tick(service.kernel, { dispatcher }, clock.now());
    },
    dispatch: () => dispatcher.drain(service.kernel),
    close: async () => {
      await service.close();
      await socket?.close();
      await fake.close();
      await db.drop();
      await rm(evidenceDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** A text field's value as a view submission carries it. */
export function textValue(value: string): Record<string, unknown> {
  return { v: { type: "plain_text_input", value } };
}

export function selectValue(value: string): Record<string, unknown> {
  return { v: { type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } } };
}

export function dateValue(value: string): Record<string, unknown> {
  return { v: { type: "datepicker", selected_date: value } };
}
