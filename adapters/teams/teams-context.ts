// What every Teams handler needs: the core, the Bot Connector, the gate's options, a logger.
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import type { Logger } from "../../src/infra/logger.ts";
import type { BotConnectorClient } from "./connector/bot-connector.client.ts";
import type { GateOptions } from "./teams-gate.ts";

export interface TeamsContext extends GateOptions {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  readonly connector: BotConnectorClient;
  readonly log: Logger;
  /** The reports' read side, for `status` and `report`. */
  readonly reports?: ReportDeps;
  /** Whether a URL is under an allowed service URL (also where files may be downloaded from, besides SharePoint). */
  readonly allowedServiceUrl: (url: string) => boolean;
}
