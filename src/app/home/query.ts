// A query is a use case that only reads: same shape (name, zod input, run as an identified person
// in one transaction), but it answers a value instead of a sentence and changes no subject. The
// kernel's `execute` is for commands; `ask` is its read-side sibling, so an adapter can show a
// person's home (or any other view) the way it runs a command.
import { issueDetail } from "../kernel/input-problem.ts";
import type { z } from "zod";
import { DomainError, type ErrorDetail } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Bilingual } from "../../ports/locale.ts";
import { AppError, describeCode, type Code } from "../kernel/app-error.ts";
import { envOf, identify, logRefusal, type Kernel } from "../kernel/execute.ts";
import type { Env, Invocation, Who } from "../kernel/use-case.ts";

export interface Query<I, R> {
  /** Stable name, e.g. "home.view". */
  readonly name: string;
  readonly input: z.ZodType<I>;
  run(input: I, who: Who, tx: TxPorts, env: Env): Promise<R>;
}

/** Helper that keeps the input type inferred from the schema. */
export function query<S extends z.ZodType, R>(definition: {
  name: string;
  input: S;
  run(input: z.infer<S>, who: Who, tx: TxPorts, env: Env): Promise<R>;
}): Query<z.infer<S>, R> {
  // S is a schema whose output is z.infer<S>; TypeScript cannot see that through the generic.
  return definition as unknown as Query<z.infer<S>, R>;
}

export type Answer<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly code: Code; readonly detail?: ErrorDetail; readonly message: Bilingual };

function refused<R>(code: Code, detail?: ErrorDetail): Answer<R> {
  return { ok: false, code, ...(detail ? { detail } : {}), message: describeCode(code, detail) };
}

/**
 * Runs a query as `invocation.personId`. Input that does not parse is INVALID_INPUT; an unknown
 * person is UNKNOWN_USER. A read refused by a rule (OUT_OF_SCOPE, SUSPENDED, …) changes nothing but is
 * logged like a refused command, and a suspended holder's attempt is told to compliance (issue #17).
 */
export async function ask<I, R>(
  kernel: Kernel,
  q: Query<I, R>,
  raw: unknown,
  invocation: Invocation,
): Promise<Answer<R>> {
  const parsed = q.input.safeParse(raw);
  if (!parsed.success) {
    return refused("INVALID_INPUT", issueDetail(parsed.error.issues[0]));
  }
  const env = envOf(kernel);
  try {
    const value = await kernel.uow.run(async (tx) => {
      const who = await identify(tx, invocation.personId, kernel.orgLocale, invocation.platform);
      return q.run(parsed.data, who, tx, env);
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return refused(error.code, error.detail);
    if (!(error instanceof DomainError)) throw error;
    await logRefusal(kernel, invocation, q.name, error, env);
    return refused(error.code, error.detail);
  }
}
