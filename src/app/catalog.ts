// Everything the adapters can call, assembled from each area's own catalog: use cases by name,
// the actions a card button may carry, and the card builder of each subject type.
import type { ActionRegistry } from "./kernel/press-action.ts";
import type { CardRegistry } from "./kernel/card-registry.ts";
import type { UseCase } from "./kernel/use-case.ts";
import { noticesCatalog } from "./notices/notices.catalog.ts";
import { auditCatalog } from "./audit/audit.catalog.ts";
import { leaveCatalog } from "./leave/leave.catalog.ts";
import { handoverCatalog } from "./handover/handover.catalog.ts";
import { rotationCatalog } from "./rotation/rotation.catalog.ts";
import { clientsCatalog } from "./clients/clients.catalog.ts";
import { majorEventCatalog } from "./major-event/major-event.catalog.ts";
import { questionCatalog } from "./questions/question.catalog.ts";

export interface AreaCatalog {
  readonly useCases: readonly UseCase<unknown>[];
  readonly actions: ActionRegistry;
  readonly cards: CardRegistry;
}

const areas: readonly AreaCatalog[] = [
  noticesCatalog,
  leaveCatalog,
  handoverCatalog,
  rotationCatalog,
  clientsCatalog,
  majorEventCatalog,
  auditCatalog,
  questionCatalog,
];

export const useCases: ReadonlyMap<string, UseCase<unknown>> = new Map(
  areas.flatMap((a) => a.useCases.map((u) => [u.name, u] as const)),
);
export const actions: ActionRegistry = Object.assign({}, ...areas.map((a) => a.actions));
export const cards: CardRegistry = Object.assign({}, ...areas.map((a) => a.cards));
