import type { AreaCatalog } from "../catalog.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { reassignClients } from "./reassign-clients.ts";

export const clientsCatalog: AreaCatalog = {
  useCases: [reassignClients as UseCase<unknown>],
  actions: {},
  cards: {},
};
