import type { ErrorDetail } from "../../domain/errors.ts";
import type { Card } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { Code } from "./app-error.ts";

/** What every adapter gets back from the core: done (with a sentence, maybe a card) or refused (with a code). */
export type Outcome =
  | { readonly ok: true; readonly message: Bilingual; readonly card?: Card }
  | {
      readonly ok: false;
      readonly code: Code;
      readonly detail?: ErrorDetail;
      readonly message: Bilingual;
      readonly card?: Card;
    };
