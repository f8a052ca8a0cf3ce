// The home area: a person's own view (home.view is a query, asked with `ask`) and their profile.
import type { AreaCatalog } from "../catalog.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { setLocale } from "./set-locale.ts";
import { setPlatform } from "./set-platform.ts";

export const homeCatalog: AreaCatalog = {
  useCases: [setLocale as UseCase<unknown>, setPlatform as UseCase<unknown>],
  actions: {},
  cards: {},
};
