// Builds the kernel the adapters and the scheduler share.
import type { Clock } from "../../ports/clock.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";
import { cards } from "../catalog.ts";
import type { Locale } from "../../ports/locale.ts";
import type { Kernel } from "./execute.ts";

export function composeKernel(uow: UnitOfWork, clock: Clock, orgLocale: Locale): Kernel {
  return { uow, clock, orgLocale, cards };
}
