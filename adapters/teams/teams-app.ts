// The Teams adapter's factory: a Teams SDK v2 App (@microsoft/teams.apps) mounted on Keypost's
// HTTP server through RouteAdapter. The SDK validates each request's Bot Framework JWT and routes
// the activity; Keypost's handlers answer. Everything Keypost sends (replies, proactive notices,
// card updates) goes through BotConnectorClient, which enforces the service-URL allow-list and
// maps Teams' answers onto retry/failed/unknown — the SDK's own sender would throw instead.
import { App } from "@microsoft/teams.apps";
import { PUBLIC, type AdaptiveCardActionResponse, type CloudEnvironment } from "@microsoft/teams.api";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import type { Route } from "../../src/infra/http/server.ts";
import { directOutbound, type Outbound } from "../../src/infra/http/outbound.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { incomingActivity, readActivity, type IncomingActivity } from "./activity.schema.ts";
import { DeferredHttpClient } from "./deferred-http-client.ts";
import { BotConnectorClient } from "./connector/bot-connector.client.ts";
import { ClientCredentialsToken, type TokenSource } from "./connector/bot-token.ts";
import { ServiceUrlAllowList } from "./connector/service-urls.ts";
import { onCardAction } from "./handlers/card-action.handler.ts";
import { onDialogOpen } from "./handlers/dialog.handler.ts";
import { onSearch } from "./handlers/search.handler.ts";
import { onConversationUpdate, onInstalled, onUninstalled } from "./handlers/install.handler.ts";
import { onMessage } from "./handlers/message.handler.ts";
import { sdkLogger } from "./sdk-logger.ts";
import type { TeamsContext } from "./teams-context.ts";
import { TeamsNotifier } from "./teams-notifier.ts";
import { noteHandlerError, RouteAdapter, teamsRoute } from "./teams-route.ts";
import type { TeamsSettings } from "./teams-settings.ts";

export interface TeamsAdapter {
  readonly route: Route;
  readonly notifier: TeamsNotifier;
  readonly connector: BotConnectorClient;
  readonly app: App;
}

export interface TeamsAdapterOptions {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  readonly settings: TeamsSettings;
  readonly log: Logger;
  readonly reports?: ReportDeps;
  /** How calls leave the process (token endpoint, Bot Connector): through the proxy when one is configured. */
  readonly outbound?: Outbound;
}

export function cloudFor(settings: TeamsSettings): CloudEnvironment {
  return settings.openIdMetadataUrl ? { ...PUBLIC, openIdMetadataUrl: settings.openIdMetadataUrl } : PUBLIC;
}

/**
 * Activities already read at the request (`readActivity`), by the body the SDK hands the handlers as
 * is (its ActivityProcessor: `const activity = body`): a handler does not parse them again.
 */
const readAtRequest = new WeakMap<object, IncomingActivity>();

function parsed(raw: unknown, log: Logger): IncomingActivity | undefined {
  const known = typeof raw === "object" && raw !== null ? readAtRequest.get(raw) : undefined;
  if (known) return known;
  const activity = incomingActivity.safeParse(raw);
  if (!activity.success)
    log.warn("teams: activity refused", { problem: activity.error.issues[0]?.message ?? "invalid" });
  return activity.success ? activity.data : undefined;
}

export async function createTeamsAdapter(options: TeamsAdapterOptions): Promise<TeamsAdapter> {
  const { settings, log } = options;
  const { auth } = settings;
  const outbound = options.outbound ?? directOutbound;
  const token: TokenSource | undefined =
    auth.mode === "jwt"
      ? new ClientCredentialsToken({
          loginUrl: settings.loginUrl,
          tenantId: auth.tenantId,
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
          fetch: outbound.fetch,
        })
      : undefined;
  const allowList = ServiceUrlAllowList.parse(settings.allowedServiceUrls);
  const connector = new BotConnectorClient({
    allowList,
    ...(token ? { token } : {}),
    http: outbound.text,
  });
  const ctx: TeamsContext = {
    kernel: options.kernel,
    actions: options.actions,
    connector,
    allowedTenants: settings.allowedTenants,
    allowedServiceUrl: (url) => allowList.allows(url),
    log,
    ...(options.reports ? { reports: options.reports } : {}),
  };
  const adapter = new RouteAdapter();
  const app = new App({
    // Explicit values: the SDK would otherwise read CLIENT_ID / CLIENT_SECRET / TENANT_ID from the environment.
    ...(auth.mode === "jwt"
      ? { clientId: auth.clientId, tenantId: auth.tenantId, token: () => (token as TokenSource).get() }
      : {}),
    dangerouslyAllowUnauthenticatedRequests: auth.mode === "unauthenticated",
    httpServerAdapter: adapter,
    // Its per-activity clients are built only if something is sent through them (nothing Keypost sends is).
    client: () => DeferredHttpClient.of().asSdkClient(),
    cloud: cloudFor(settings),
    logger: sdkLogger(log),
  });
  // Once the SDK has checked the token, and before it routes the activity: an activity that breaks
  // its documented shape is a 400 naming the field (activity.schema.ts), not a 200 a handler drops.
  const routeActivity = app.server.onRequest;
  if (!routeActivity) throw new Error("the Teams SDK set no request handler");
  // One zod pass reads a well-formed activity for the handler too (decision 13.s14q-2).
  app.server.onRequest = async (event) => {
    const reading = readActivity(event.body);
    if (!("field" in reading)) {
      if ("activity" in reading) readAtRequest.set(event.body as object, reading.activity);
      return routeActivity(event);
    }
    const { field } = reading;
    log.warn("teams: activity refused", { problem: "bad_shape", field });
    return { status: 400, body: { error: "unexpected activity", field } };
  };
  // A handler's error: the route answers 503 instead of the SDK's 500 when the database was away.
  app.event("error", ({ error }) => noteHandlerError(error));
  app.on("message", async ({ activity }) => {
    const a = parsed(activity, log);
    if (a) await onMessage(ctx, a);
  });
  app.on("card.action", async ({ activity }) => {
    const a = parsed(activity, log);
    if (!a)
      return {
        statusCode: 400,
        type: "application/vnd.microsoft.error",
        value: { code: "BadRequest", message: "not an activity", innerHttpError: { statusCode: 400, body: null } },
      };
    // Keypost's cards are plain Adaptive Card JSON (cards/keypost.card.ts), not the SDK's typed card model.
    return (await onCardAction(ctx, a)) as unknown as AdaptiveCardActionResponse;
  });
  // "Read in full" (task/fetch): a dialog with the card's whole texts.
  app.on("dialog.open", async ({ activity }) => {
    const a = parsed(activity, log);
    if (!a) return { task: { type: "message", value: "not an activity" } };
    return (await onDialogOpen(ctx, a)) as never;
  });
  // A person input's typeahead (Input.ChoiceSet with Data.Query): the people this person may pick.
  app.on("card.search", async ({ activity }) => {
    const a = parsed(activity, log);
    if (!a) return { statusCode: 200, type: "application/vnd.microsoft.search.searchResponse", value: { results: [] } };
    return (await onSearch(ctx, a)) as never;
  });
  app.on("install.add", async ({ activity }) => {
    const a = parsed(activity, log);
    if (a) await onInstalled(ctx, a);
  });
  app.on("install.remove", async ({ activity }) => {
    const a = parsed(activity, log);
    if (a) await onUninstalled(ctx, a);
  });
  app.on("conversationUpdate", async ({ activity }) => {
    const a = parsed(activity, log);
    if (a) await onConversationUpdate(ctx, a);
  });
  await app.initialize();
  if (auth.mode === "unauthenticated")
    log.warn(
      "Teams: no credentials (TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID): /api/messages accepts UNAUTHENTICATED requests. Development only; never in production.",
    );
  if (auth.mode === "refuse-all")
    log.error(
      "Teams: no credentials in production: /api/messages refuses every request. Set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID.",
    );
  return {
    route: teamsRoute(adapter, { requireBearer: auth.mode !== "unauthenticated" }),
    notifier: new TeamsNotifier(connector, { tenantPerSecond: settings.tenantPerSecond }),
    connector,
    app,
  };
}
