-- CreateTable
CREATE TABLE "Replan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "triggerInfo" TEXT NOT NULL DEFAULT '{}',
    "changes" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "Replan_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Replan_roundId_status_idx" ON "Replan"("roundId", "status");

