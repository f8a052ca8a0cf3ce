// The notices a press's claim brought back, handed to the outbox of the same unit of work. On
// PostgreSQL a claim by chat account reads the token's subject's notices in the same statement
// (sql/claim-action-token-by-chat.sql.ts, decision 13.s12p-5), and the press asks the outbox for those
// notices beside the claim (press-action.ts: `forSubjectOfToken` right after `claimByChat`, both sent
// before either answer is in). The tokens port leaves the claim's answer here under the token's id;
// the outbox takes it instead of sending a statement of its own. Taken once; a unit that claims and
// never asks leaves it unread, and an outbox that finds nothing here reads the notices itself.
import type { NoticeRow } from "./sql/select-subject-notices.sql.ts";

export interface ClaimedSubjectNotices {
  readonly subjectType: string;
  readonly subjectId: string;
  readonly notices: readonly NoticeRow[];
}

export class ClaimedNotices {
  readonly #sent = new Map<string, Promise<ClaimedSubjectNotices | undefined>>();

  /** A claim of `tokenId` was sent; `answer` is its subject's notices (undefined: no such token). */
  note(tokenId: string, answer: Promise<ClaimedSubjectNotices | undefined>): void {
    // The claim's own caller handles a failure; this copy must not count as an unhandled one.
    answer.catch(() => undefined);
    this.#sent.set(tokenId, answer);
  }

  /** The notices a claim of `tokenId` sent in this unit brings, once; undefined when none was sent. */
  take(tokenId: string): Promise<ClaimedSubjectNotices | undefined> | undefined {
    const answer = this.#sent.get(tokenId);
    this.#sent.delete(tokenId);
    return answer;
  }
}
