// Pieces of the leave and handover use cases' input schemas.
import { z } from "zod";
import { isLocalDate } from "../../domain/calendar/index.ts";

export const LocalDateSchema = z.string().refine(isLocalDate, { message: "expected a date YYYY-MM-DD" });
/** An id, or a code (an employee's, a post's) as people type it in a form. */
export const RefSchema = z.string().trim().min(1).max(64);
export const IdSchema = z.string().min(1).max(64);
/** The version of the subject a card showed; absent when the command does not come from a card. */
export const VersionSchema = z.number().int().min(1).optional();
