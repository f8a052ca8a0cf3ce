/**
 * The database, not memory, decides that a scheduled slot ran once: claiming inserts a unique
 * (job, slot) row, so two servers, a repeated tick or a restart never run the same slot twice.
 */
export interface SlotClaims {
  /** True for the one caller that claimed the slot; false for everyone after. */
  claim(job: string, slot: string, by: string, at: Date): Promise<boolean>;
  finish(job: string, slot: string, at: Date): Promise<void>;
}
