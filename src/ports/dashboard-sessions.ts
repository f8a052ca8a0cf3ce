// The dashboard's sign-in links and browser sessions (adapters/web). The database decides: a link
// is used by the one conditional update that finds it unused and unexpired, whoever asks at the
// same time; a session lives while it is seen within its idle time. Only hashes are stored.

export type LinkRefusal = "unknown" | "expired" | "used";

export interface DashboardSessions {
  createLink(link: {
    readonly tokenHash: string;
    readonly personId: string;
    readonly createdAt: Date;
    readonly expiresAt: Date;
  }): Promise<void>;
  /** The link as stored, without using it (the sign-in page speaks its person's language). */
  findLink(
    tokenHash: string,
  ): Promise<{ readonly personId: string; readonly expiresAt: Date; readonly usedAt: Date | null } | undefined>;
  /** Marks the link used at `at` when it is unused and not expired: its person for that one caller, else why not. */
  useLink(
    tokenHash: string,
    at: Date,
  ): Promise<{ readonly ok: true; readonly personId: string } | { readonly ok: false; readonly refusal: LinkRefusal }>;
  openSession(session: { readonly tokenHash: string; readonly personId: string; readonly at: Date }): Promise<void>;
  /** The session's person when it is open and was last seen after `idleSince`; it is then seen at `at`. */
  touchSession(tokenHash: string, at: Date, idleSince: Date): Promise<string | undefined>;
  endSession(tokenHash: string, at: Date): Promise<void>;
}
