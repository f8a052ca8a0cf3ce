// Input pieces the audit use cases share, parsed at the edge (zod) before anything runs.
import { z } from "zod";
import { isLocalDate } from "../../domain/calendar/index.ts";

export const auditId = z.string().min(1).max(64);

/** The audit version the card was built on; absent when the command does not come from a card. */
export const expectedVersion = z.number().int().positive().optional();

/** An employee named by id or by employee code. */
export const personRef = z.string().trim().min(1).max(64);

/** Free text; blank is allowed here, the rules say where it is not. */
export const note = z.string().trim().max(4000).default("");

/** An evidence link is an https URL on a named host, or nothing. */
export const evidenceUrl = z
  .union([
    z.literal(""),
    z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "evidence must be an https link" }),
  ])
  .default("");

export const localDate = z.string().refine(isLocalDate, { message: "a date as YYYY-MM-DD" });

/** A form's optional number ("" when left empty). */
export function optionalNumber(value: string | undefined): number | null {
  return value === undefined || value.trim() === "" ? null : Number(value);
}
