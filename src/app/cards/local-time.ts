// An instant as the clock of a unit reads it: every time a person sees is in their unit's time
// zone, never UTC (a branch in Shanghai reads 09:00, not 01:00Z).
import { wallClockOf } from "../../domain/calendar/index.ts";
import { same } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";

/** "2026-03-09 00:00 (Asia/Shanghai)". */
export function localTime(at: Date, timeZone: string): Bilingual {
  const wall = wallClockOf(at, timeZone);
  const hhmm = `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
  return same(`${wall.date} ${hhmm} (${timeZone})`);
}
