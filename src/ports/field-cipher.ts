// Field-level encryption of the free text people write about themselves and about audits
// (major-event reports, findings, rectifications): the repositories seal a column's text before it
// is stored and open it when read, so the database alone — a copy, a backup, an administrator —
// does not show it. The key lives outside the database (src/infra/records/field-cipher.ts).
// `column` names the field ("Finding.description"): a sealed value moved to another column does not
// open.

export interface FieldCipher {
  /** The stored form of `text` (the text itself when no key is configured). */
  seal(column: string, text: string): string;
  /** The text of a stored value; a value stored before encryption was configured is returned as is. */
  open(column: string, stored: string): string;
}
