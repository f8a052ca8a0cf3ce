-- Audit log entry format 2 (issue #19, decision 19.23): the personal members of an entry's data and their
-- salts (or, once erased, their digests). Null on every older entry: format 1, verified as before.
ALTER TABLE "AuditLogEntry" ADD COLUMN "personal" TEXT;
