-- One elected sender per platform tenant (issue #17, decision 17.18): the replica holding a key's
-- lease runs the dispatcher for that platform, so one rate limiter paces the whole tenant.
CREATE TABLE "SenderLease" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SenderLease_pkey" PRIMARY KEY ("key")
);
