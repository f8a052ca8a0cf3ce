// Whole `keypost serve` processes as replicas, for the chaos suite (test/chaos/) and
// `bench:fanout -- --replicas N`: one PostgreSQL database, Slack and Teams on against the fakes on
// loopback, each process ticking and dispatching as production runs it. Also what a person's
// button press looks like to a replica on each platform (a signed Slack block_actions request; a
// Bot Framework-signed Teams card action), so both callers send the same traffic.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { same } from "../../src/ports/card.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import { offer, sendNotice } from "../../src/app/kernel/notify.ts";
import type { FakeBotConnector } from "./fake-bot-connector.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { slackFixture } from "./slack-fixtures.ts";
import { encode, signedHeaders, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./slack-requests.ts";
import { BOT_ID, CLIENT_ID, fixture, TENANT, teamsUser } from "./teams-world.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface Replica {
  readonly slot: number;
  child: ChildProcess;
  url: string | undefined;
  /** Resolves with the URL once the process says where it listens; rejects if it exits first. */
  ready: Promise<string>;
  /** Its standard error (the JSON log). */
  log: string;
}

/** The environment of a replica: PostgreSQL, the scheduler on, Slack and Teams against the fakes. */
export function replicaEnv(options: {
  databaseUrl: string;
  checkpoints: string;
  slack: FakeSlack;
  connector: FakeBotConnector;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const { slack, connector } = options;
  return {
    PATH: process.env.PATH,
    PORT: "0",
    DATABASE_URL: options.databaseUrl,
    KEYPOST_SCHEDULER: "on",
    KEYPOST_MIGRATE: "off",
    KEYPOST_LOG_CHECKPOINT_DIR: options.checkpoints,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    KEYPOST_TEAMS: "on",
    TEAMS_CLIENT_ID: CLIENT_ID,
    TEAMS_CLIENT_SECRET: "fake-secret-for-tests",
    TEAMS_TENANT_ID: TENANT,
    TEAMS_OPENID_URL: connector.openIdMetadataUrl,
    TEAMS_LOGIN_URL: connector.url,
    TEAMS_ALLOWED_SERVICE_URLS: connector.url,
    TEAMS_ALLOWED_TENANTS: TENANT,
    ...options.extra,
  };
}

/**
 * Starts `keypost serve` (bin/keypost.js: the build when current, else the sources through tsx);
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export function startReplica(
  slot: number,
  env: NodeJS.ProcessEnv,
  onExit?: (replica: Replica) => void,
  nodeArgs: readonly string[] = [],
): Replica {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, "bin", "keypost.js"), "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const replica: Replica = { slot, child, url: undefined, ready: Promise.resolve(""), log: "" };
  let stdout = "";
  child.stderr?.on("data", (chunk: Buffer) => (replica.log += chunk.toString()));
  child.once("exit", () => onExit?.(replica));
  replica.ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = replica.url === undefined && /running at (http:\/\/[^\s]+)/.exec(stdout);
      if (found) {
        replica.url = found[1]!;
        resolve(found[1]!);
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`replica ${slot} exited (${code}) before serving: ${replica.log.slice(-2000)}`)),
    );
  });
  replica.ready.catch(() => undefined);
  return replica;
}

export interface Press {
  readonly platform: "slack" | "teams";
  readonly token: string;
  readonly subjectId: string;
}

/**
 * `slack + teams` single-use Acknowledge buttons offered to `recipientId` (one notice each, subject
 * `<prefix>-<i>`); the notices are written as sent (only the presses are counted).
 */
export async function offerPresses(
  kernel: Kernel,
  recipientId: string,
  counts: { slack: number; teams: number },
  prefix = "chaos-press",
): Promise<Press[]> {
  const made = await kernel.uow.run(async (tx) => {
    const person = (await tx.people.byId(recipientId))!;
    const out: Press[] = [];
    for (let i = 0; i < counts.slack + counts.teams; i++) {
      const subjectId = `${prefix}-${i}`;
      const action = await offer(
        tx,
        { action: "notice.acknowledge", subjectType: "chaos", subjectId, version: 1, recipientId: person.id },
        same("Acknowledge"),
      );
      await sendNotice(tx, { kind: "chaos", subjectType: "chaos", subjectId, version: 1 }, [person], async () => ({
        title: same("A notice"),
        fields: [],
        actions: [action],
      }));
      out.push({ platform: i < counts.slack ? "slack" : "teams", token: action.token, subjectId });
    }
    return out;
  });
  return made;
}

/**
 * Presses `press` at the replica at `url` as the small bank's HR officer would (Slack user
 * U0TEST001; Teams: the cast's "hr"); `i` makes the request's ids unique. Answers the HTTP status.
 */
export async function sendPress(
  url: string,
  press: Press,
  i: number,
  fakes: { slack: FakeSlack; connector: FakeBotConnector },
): Promise<number> {
  if (press.platform === "slack") {
    const { raw, contentType } = encode({
      payload: slackFixture("block_actions", {
        USER: "U0TEST001",
        TRIGGER: `${i + 1}.1772985600.chaos`,
        ACTION_ID: "kp.press.1",
        VALUE: press.token,
        RESPONSE_URL: fakes.slack.responseUrl(`press-${i}`),
        CHANNEL: "D0TEST001",
        TS: `1772985600.${String(i).padStart(6, "0")}`,
      }),
    });
    const headers = signedHeaders(raw, contentType, { timestamp: Math.floor(Date.now() / 1000) });
    const res = await fetch(`${url}/slack/events`, { method: "POST", headers, body: raw });
    await res.text();
    return res.status;
  }
  const { connector } = fakes;
  const activity = fixture("invoke.adaptive-card-action", {
    ...teamsUser("hr"),
    activityId: `f:chaos-${i}`,
    serviceUrl: connector.serviceUrl,
    tenantId: TENANT,
    botId: BOT_ID,
    locale: "en-US",
    text: "",
    data: { kp: "press", token: press.token },
    verb: "press",
    title: "Acknowledge",
    trigger: "manual",
  });
  const auth = `Bearer ${connector.sign({ aud: CLIENT_ID, serviceurl: connector.serviceUrl })}`;
  const res = await fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: auth },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}
