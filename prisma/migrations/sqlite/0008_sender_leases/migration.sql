-- One elected sender per platform tenant (issue #17, decision 17.18): the replica holding a key's
-- lease runs the dispatcher for that platform, so one rate limiter paces the whole tenant.
CREATE TABLE "SenderLease" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL
);
