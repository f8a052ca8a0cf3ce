// The Slack app: Bolt with Keypost's own receiver (signatures, timestamps both ways, replays),
// served at POST /slack/events by Keypost's one HTTP server — or, with an app-level token, over
// Socket Mode (slack-socket.ts), the same receiver taking each envelope. The listeners translate Slack payloads
// into calls of the core — pressAction, the chat command router, home.view — and render what comes
// back as Block Kit. Nothing here decides anything about leaves, audits or people.
import type { webApi } from "@slack/bolt";
import { App, LogLevel } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import { directOutbound, type Outbound } from "../../src/infra/http/outbound.ts";
import { slackWebClient } from "./slack-web-client.ts";
import { slackAnswerCall } from "./slack-answer-call.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { registerActions } from "./listeners/actions.listener.ts";
import { registerCommand } from "./listeners/command.listener.ts";
import { registerEvents } from "./listeners/events.listener.ts";
import { registerViews } from "./listeners/views.listener.ts";
import { registerOptions } from "./listeners/options.listener.ts";
import type { EvidencePackBuilder, SlackContext } from "./slack-context.ts";
import { publishHome, slackUsersOf } from "./slack-home.ts";
import { KeypostSlackReceiver } from "./slack-receiver.ts";
import { slackSocket, type SlackSocket } from "./slack-socket.ts";
import { actOnPress, pressOf, storedPress } from "./slack-press.ts";
import { InboxWorker } from "../../src/app/inbox/inbox-worker.ts";
import type { InboundRequest, InboxIntake } from "../../src/ports/inbox.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackAppOptions {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  readonly reports?: ReportDeps;
  readonly botToken: string;
  /** Requests over HTTP (POST /slack/events); absent in Socket Mode. */
  readonly signingSecret?: string;
  /** An app-level token: Slack over Socket Mode (no inbound address). */
  readonly appToken?: string;
  /** Web API base (tests point it at a fake on loopback). */
  readonly apiUrl?: string;
  readonly botUserId?: string;
  readonly log: Logger;
  readonly ackBudgetMs?: number;
  /** Where a press is written before its ack. */
  readonly intake: InboxIntake;
  /** Button presses acted on at once by the inbox worker (default 4). */
  readonly pressConcurrency?: number;
  /** How calls leave the process (Web API, response_url): through the proxy when one is configured. */
  readonly outbound?: Outbound;
  /** Builds an evidence pack to post into the DM of the person who pressed the pack button. */
  readonly evidencePack?: EvidencePackBuilder;
}

export interface SlackApp {
  readonly app: App;
  readonly web: webApi.WebClient;
  /** The HTTP handler of POST /slack/events. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Acts on the accepted button presses; started and stopped with the service. */
  readonly presses: InboxWorker;
  /** The Socket Mode connection (when an app token is given): started after the server, stopped first. */
  readonly socket?: SlackSocket;
  /** Republishes a person's App Home on every Slack account they have (after a notice reached them). */
  refreshHome(personId: string): Promise<void>;
}

export { slackWebClient } from "./slack-web-client.ts";

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { kernel, log } = options;
  const firstSighting = (key: string) =>
    kernel.uow.run((tx) => tx.receipts.record(key, kernel.clock.now().toISOString()));
  const outbound = options.outbound ?? directOutbound;
  const web = slackWebClient(options.botToken, options.apiUrl, outbound.fetch);
  const ctx: SlackContext = {
    kernel,
    actions: options.actions,
    ...(options.reports ? { reports: options.reports } : {}),
    web,
    answer: slackAnswerCall(options.botToken, options.apiUrl, (url, init) => outbound.text(url, init)),
    text: (url, init) => outbound.text(url, init),
    log,
    botToken: options.botToken,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    fetch: outbound.fetch,
    ...(options.evidencePack ? { evidencePack: options.evidencePack } : {}),
    firstSighting,
  };
  // An accepted press: typed at the edge, stored, and acted on here on the one press path.
  const act = async (request: InboundRequest): Promise<void> => {
    const press = storedPress(request.payload);
    if (!press) {
      log.warn("slack inbox row is not a press", { key: request.key });
      return;
    }
    await actOnPress(ctx, press);
  };
  const presses = new InboxWorker({
    platform: "slack",
    uow: kernel.uow,
    clock: kernel.clock,
    log,
    handle: act,
    ...(options.pressConcurrency ? { concurrency: options.pressConcurrency } : {}),
  });
  const acceptPress = async (key: string, press: object): Promise<boolean> => {
    const request = { key, platform: "slack" as const, payload: JSON.stringify(press), receivedAt: kernel.clock.now() };
    const accepted = await options.intake.accept(request);
    if (accepted) presses.kick();
    return accepted;
  };
  const receiver = new KeypostSlackReceiver({
    ...(options.signingSecret !== undefined ? { signingSecret: options.signingSecret } : {}),
    clock: kernel.clock,
    log,
    firstSighting,
    forget: (key) => kernel.uow.run((tx) => tx.receipts.forget(key)),
    pressOf,
    acceptPress,
    arriving: () => presses.hold(),
    ...(options.ackBudgetMs ? { ackBudgetMs: options.ackBudgetMs } : {}),
  });
  const app = new App({
    receiver,
    // No auth.test round trip per request: the bot's token is the one configured.
    authorize: async () => ({
      botToken: options.botToken,
      ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    }),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      // Bolt's own client and its `respond` (a command's response_url) use this fetch too.
      fetch: outbound.fetch,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
    logLevel: LogLevel.ERROR,
  });
  registerCommand(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerOptions(app, ctx);
  registerEvents(app, ctx);
  app.error(async (error) => {
    log.error("slack listener error", { error: error.message });
    throw error;
  });
  const socket = options.appToken
    ? slackSocket({
        appToken: options.appToken,
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        outbound,
        receiver,
        log,
      })
    : undefined;
  return {
    app,
    web,
    presses,
    ...(socket ? { socket } : {}),
    handle: receiver.handle,
    async refreshHome(personId) {
      for (const user of await slackUsersOf(ctx, personId)) {
        try {
          await publishHome(ctx, user, personId);
        } catch (error) {
          log.warn("slack home refresh failed", { error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
  };
}
