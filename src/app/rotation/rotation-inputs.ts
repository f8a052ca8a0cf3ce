// Input pieces the rotation, client and major-event use cases share, and the look-ups that turn a
// code someone typed into the record it names (NOT_FOUND says which one was unknown).
import { z } from "zod";
import { isLocalDate } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { KeyPostRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export const Id = z.string().trim().min(1).max(64);
export const Code = z.string().trim().min(1).max(64);
/** A code from a form field that may be left empty. */
export const OptionalCode = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));
export const LocalDateInput = z.string().trim().refine(isLocalDate, "expected a date YYYY-MM-DD");
export const ExpectedVersion = z.number().int().min(0).optional();
export const Note = z.string().trim().max(2000);

export async function personByCode(tx: TxPorts, code: string, subject: string): Promise<Person> {
  const person = await tx.people.byCode(code);
  if (!person || person.status === "left") throw new DomainError("NOT_FOUND", { subject, code });
  return person;
}

export async function postByCode(tx: TxPorts, code: string, subject = "post"): Promise<KeyPostRecord> {
  const post = await tx.rotations.postByCode(code);
  if (!post) throw new DomainError("NOT_FOUND", { subject, code });
  return post;
}
