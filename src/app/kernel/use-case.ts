// One use case per action. Adapters (Slack, Teams, the terminal, the CLI) all call them the same
// way: through `execute`, with raw input that the use case's zod schema parses at the edge.
import type { z } from "zod";
import type { Actor } from "../../domain/access/roles.ts";
import type { FileOffer } from "./outcome.ts";
import type { Card } from "../../ports/card.ts";
import type { EvidenceFiles } from "../../ports/evidence-files.ts";
import type { CardRegistry } from "./card-registry.ts";
import type { Bilingual, Locale } from "../../ports/locale.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

/** Who asks, from where. The person is already identified (adapters map chat users to people). */
export interface Invocation {
  readonly personId: string;
  readonly platform: LogPlatform;
}

/** The person acting, as the register knows them, and as the domain's rules see them. */
export interface Who {
  readonly person: Person;
  readonly actor: Actor;
  readonly locale: Locale;
  readonly platform: LogPlatform;
}

export interface Env {
  readonly now: Date;
  readonly orgLocale: Locale;
  readonly cards: CardRegistry;
  /** The evidence store and its rules (attaching files to checklist items); absent where not configured. */
  readonly evidence?: EvidenceFiles;
  /** Where the service's web pages are reached (one-time links in answers); absent when not served. */
  readonly publicUrl?: () => string;
}

export interface SubjectRef {
  readonly type: string;
  readonly id: string;
}

/** What a use case answers: a sentence, and optionally a card to show (the updated subject). */
export interface Done {
  readonly message: Bilingual;
  readonly card?: Card;
  /** A file the adapter may hand over besides the sentence (outcome.ts). */
  readonly file?: FileOffer;
  /** Subjects whose state changed: every notice about them gets its card rebuilt in the same transaction. */
  readonly touched?: readonly SubjectRef[];
}

export interface UseCase<I> {
  /** Stable name, also the audit-log action prefix: "leave.plan", "audit.mark_item" … */
  readonly name: string;
  readonly input: z.ZodType<I>;
  run(input: I, who: Who, tx: TxPorts, env: Env): Promise<Done>;
}

/** Helper that keeps the input type inferred from the schema. */
export function useCase<S extends z.ZodType>(definition: {
  name: string;
  input: S;
  run(input: z.infer<S>, who: Who, tx: TxPorts, env: Env): Promise<Done>;
}): UseCase<z.infer<S>> {
  // S is a schema whose output is z.infer<S>; TypeScript cannot see that through the generic.
  return definition as unknown as UseCase<z.infer<S>>;
}
