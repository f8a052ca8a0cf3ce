// The Slack app: Bolt with Keypost's own receiver (signatures, timestamps both ways, replays),
// served at POST /slack/events by Keypost's one HTTP server. The listeners translate Slack payloads
// into calls of the core — pressAction, the chat command router, home.view — and render what comes
// back as Block Kit. Nothing here decides anything about leaves, audits or people.
import { App, LogLevel, webApi } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { registerActions } from "./listeners/actions.listener.ts";
import { registerCommand } from "./listeners/command.listener.ts";
import { registerEvents } from "./listeners/events.listener.ts";
import { registerViews } from "./listeners/views.listener.ts";
import type { SlackContext } from "./slack-context.ts";
import { publishHome, slackUsersOf } from "./slack-home.ts";
import { KeypostSlackReceiver } from "./slack-receiver.ts";
import { actOnPress, pressOf, storedPress } from "./slack-press.ts";
import { InboxWorker } from "../../src/app/inbox/inbox-worker.ts";
import type { InboundRequest, InboxIntake } from "../../src/ports/inbox.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackAppOptions {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  readonly reports?: ReportDeps;
  readonly botToken: string;
  readonly signingSecret: string;
  /** Web API base (tests point it at a fake on loopback). */
  readonly apiUrl?: string;
  readonly botUserId?: string;
  readonly log: Logger;
  readonly ackBudgetMs?: number;
  /** Where a press is written before its ack. */
  readonly intake: InboxIntake;
  /** Button presses acted on at once by the inbox worker (default 4). */
  readonly pressConcurrency?: number;
}

export interface SlackApp {
  readonly app: App;
  readonly web: webApi.WebClient;
  /** The HTTP handler of POST /slack/events. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Acts on the accepted button presses; started and stopped with the service. */
  readonly presses: InboxWorker;
  /** Republishes a person's App Home on every Slack account they have (after a notice reached them). */
  refreshHome(personId: string): Promise<void>;
}

/** A Web API client that never retries by itself: a 429 or a timeout comes back to Keypost, which decides. */
export function slackWebClient(token: string, apiUrl: string | undefined): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { kernel, log } = options;
  const firstSighting = (key: string) =>
    kernel.uow.run((tx) => tx.receipts.record(key, kernel.clock.now().toISOString()));
  const web = slackWebClient(options.botToken, options.apiUrl);
  const ctx: SlackContext = {
    kernel,
    actions: options.actions,
    ...(options.reports ? { reports: options.reports } : {}),
    web,
    log,
    botToken: options.botToken,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
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
    signingSecret: options.signingSecret,
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
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
    logLevel: LogLevel.ERROR,
  });
  registerCommand(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerEvents(app, ctx);
  app.error(async (error) => {
    log.error("slack listener error", { error: error.message });
    throw error;
  });
  return {
    app,
    web,
    presses,
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
