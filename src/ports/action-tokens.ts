// Every card button carries only an opaque token. On use the core looks the subject up again and
// re-checks the person pressing, the state and the card's version; the token's content is never trusted
// beyond naming which action on which subject was offered to whom.
export interface ActionTokenRecord {
  readonly id: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly subjectVersion: number;
  readonly recipientId: string;
  readonly args: Record<string, string | number | boolean>;
  readonly usedAt: Date | null;
}

export interface ActionTokenRepository {
  issue(token: Omit<ActionTokenRecord, "id" | "usedAt">): Promise<string>;
  find(id: string): Promise<ActionTokenRecord | undefined>;
  /** Marks a token used; false when it had been used already (a double click). */
  use(id: string, at: Date): Promise<boolean>;
  /**
   * A press: the token as it was, and whether this call spent it — only for `recipientId`, only once
   * (find and use together; one round trip where the engine allows).
   */
  claim(id: string, recipientId: string, at: Date): Promise<{ token: ActionTokenRecord; spent: boolean } | undefined>;
  /**
   * `claim` for a presser known by their chat account: spent only when offered to that account's
   * person. Sent before the account is read (decision 13.s9p-3); the caller rolls back if it is not usable.
   */
  claimByChat(
    id: string,
    chat: { readonly platform: string; readonly externalId: string },
    at: Date,
  ): Promise<{ token: ActionTokenRecord; spent: boolean } | undefined>;
}

/** A command already carried out under this key changes nothing the second time. */
export interface CommandReceipts {
  find(key: string): Promise<string | undefined>;
  record(key: string, result: string): Promise<boolean>;
  /** Lets a key be recorded again (a Slack event whose work failed, so Slack's retry is acted on). */
  forget(key: string): Promise<void>;
  /** Forgets the keys starting with `prefix` recorded before `before`; answers how many. */
  pruneByPrefix(prefix: string, before: Date): Promise<number>;
}
