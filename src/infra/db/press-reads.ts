// What a press's claim brought back besides the claim, handed to the other ports of the same unit of
// work. On PostgreSQL a claim by chat account reads, in the same statement, the notices about the
// token's subject and the account's actor (sql/claim-action-token-by-chat.sql.ts, decision
// 13.s12p-5). A press asks for all three in one breath (execute.ts and press-action.ts: the actor's
// `standingByChat`, then `claimByChat` and `forSubjectOfToken`, all called before any answer is in).
// The tokens port leaves the claim's answer here; the outbox takes the notices instead of sending a
// statement of its own. The actor is asked for *before* the claim is sent, so the people port
// waits for the rest of the current turn's synchronous calls (one microtask): if a claim by the same
// account was sent meanwhile, its rows answer; otherwise the people port reads them itself. Each
// answer is taken once; what nobody asks for is left unread.
import type { ChatPersonStandingRow } from "./sql/select-chat-person-standing.sql.ts";
import type { NoticeRow } from "./sql/select-subject-notices.sql.ts";

export interface ClaimedSubjectNotices {
  readonly subjectType: string;
  readonly subjectId: string;
  readonly notices: readonly NoticeRow[];
}

const accountKey = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

export class PressReads {
  readonly #notices = new Map<string, Promise<ClaimedSubjectNotices | undefined>>();
  readonly #actors = new Map<string, Promise<ChatPersonStandingRow[]>>();

  /** A claim of `tokenId` by a chat account was sent; `notices` and `actor` are its other answers. */
  noteClaim(
    tokenId: string,
    account: { readonly platform: string; readonly externalId: string },
    notices: Promise<ClaimedSubjectNotices | undefined>,
    actor: Promise<ChatPersonStandingRow[]>,
  ): void {
    // The claim's own caller handles a failure; these copies must not count as unhandled ones.
    notices.catch(() => undefined);
    actor.catch(() => undefined);
    this.#notices.set(tokenId, notices);
    this.#actors.set(accountKey(account.platform, account.externalId), actor);
  }

  /** The notices a claim of `tokenId` sent in this unit brings, once; undefined when none was sent. */
  takeNotices(tokenId: string): Promise<ClaimedSubjectNotices | undefined> | undefined {
    const answer = this.#notices.get(tokenId);
    this.#notices.delete(tokenId);
    return answer;
  }

  /**
   * The account's actor rows: from a claim by that account sent before the current turn's calls are
   * over, else from `read`.
   */
  async actor(platform: string, externalId: string, read: () => Promise<ChatPersonStandingRow[]>) {
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    const key = accountKey(platform, externalId);
    const claimed = this.#actors.get(key);
    this.#actors.delete(key);
    return claimed ?? read();
  }
}
