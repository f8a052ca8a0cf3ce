-- Daily digests of escalations (issue #15, decision 15.18): one line per escalation told to a person.
-- CreateTable
CREATE TABLE "DigestLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "digestKey" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "sendAt" DATETIME NOT NULL,
    "noticeKey" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "lateId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DigestLine_sendAt_idx" ON "DigestLine"("sendAt");

-- CreateIndex
CREATE UNIQUE INDEX "DigestLine_digestKey_noticeKey_key" ON "DigestLine"("digestKey", "noticeKey");
