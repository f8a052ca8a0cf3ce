-- CreateTable
CREATE TABLE "InboundRequest" (
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "InboundRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "InboundRequest_doneAt_receivedAt_idx" ON "InboundRequest"("doneAt", "receivedAt");

