import type { ErrorDetail } from "../../domain/errors.ts";
import type { Card } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { Code } from "./app-error.ts";

/**
 * A file the person may be handed where they are, besides the sentence: an adapter that can post a
 * file privately builds and posts it (Slack: the evidence pack into the person's DM); others ignore it.
 */
export interface FileOffer {
  readonly kind: "evidence_pack";
  readonly auditId: string;
}

/** What every adapter gets back from the core: done (with a sentence, maybe a card) or refused (with a code). */
export type Outcome =
  | { readonly ok: true; readonly message: Bilingual; readonly card?: Card; readonly file?: FileOffer }
  | {
      readonly ok: false;
      readonly code: Code;
      readonly detail?: ErrorDetail;
      readonly message: Bilingual;
      readonly card?: Card;
    };
