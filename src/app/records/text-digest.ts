// The digest an audit-log entry carries in place of text that is encrypted at rest (a finding's or
// a rectification's description): lowercase hex SHA-256 of the text's UTF-8 bytes, exactly as the
// user's input was stored (trimmed). An examiner proves a report's text against the chained log by
// hashing it (docs/field-encryption.md); the log itself never holds the text.
import { createHash } from "node:crypto";

export function textDigest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
