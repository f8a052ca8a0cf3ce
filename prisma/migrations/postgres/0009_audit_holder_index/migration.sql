-- A person's status shows their audits: read by holder, not every audit of the asker's scope
-- (issue #16, decision 16.s9d-1).
CREATE INDEX "Audit_holderId_idx" ON "Audit"("holderId");
