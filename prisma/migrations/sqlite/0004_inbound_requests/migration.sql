-- CreateTable
CREATE TABLE "InboundRequest" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "doneAt" DATETIME,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "InboundRequest_doneAt_receivedAt_idx" ON "InboundRequest"("doneAt", "receivedAt");

