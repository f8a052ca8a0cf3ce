// What every Slack listener works with: the core (kernel, its actions, the reports' read side),
// the Web API client (its own retries off: Keypost decides what to send again) and the log.
import type { webApi } from "@slack/bolt";
import type { ChatCommandDeps } from "../../src/app/chat-commands/chat-command.router.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { Locale } from "../../src/ports/locale.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import type { Fetch, Outbound } from "../../src/infra/http/outbound.ts";
import type { AnswerCall } from "./slack-answer-call.ts";
import type { Logger } from "../../src/infra/logger.ts";

export type EvidencePackBuilder = (auditId: string, locale: Locale) => Promise<{ readonly zip: Uint8Array }>;

export interface SlackContext {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  readonly reports?: ReportDeps;
  readonly web: webApi.WebClient;
  /** The two Web API calls that answer a press, over the keep-alive client (slack-answer-call.ts). */
  readonly answer: AnswerCall;
  /** One request answered whole over the keep-alive client, through the proxy when one applies (a press's response_url). */
  readonly text: Outbound["text"];
  readonly log: Logger;
  /** The bot token and the API's URL, to download files shared with the bot (evidence files). */
  readonly botToken: string;
  readonly apiUrl?: string;
  /** fetch for other Slack URLs (a press's response_url), through the proxy when one is configured. */
  readonly fetch: Fetch;
  /** Builds an audit's evidence pack (absent without a log signing key): posted into the DM on a press. */
  readonly evidencePack?: EvidencePackBuilder;
  /** Remembers a key durably; false when it was there already (replays, retried events). */
  firstSighting(key: string): Promise<boolean>;
}

export function chatDeps(ctx: SlackContext): ChatCommandDeps {
  return { kernel: ctx.kernel, ...(ctx.reports ? { reports: ctx.reports } : {}) };
}
