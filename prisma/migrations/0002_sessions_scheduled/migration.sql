-- AlterTable
ALTER TABLE "SessionVolunteer" ADD COLUMN "assignmentId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScheduledSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "seriesIndex" INTEGER NOT NULL DEFAULT 0,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "mode" TEXT NOT NULL DEFAULT 'offline',
    "place" TEXT,
    "onlineUrl" TEXT,
    "room" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "unscheduledReason" TEXT,
    "cancelReason" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScheduledSession_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScheduledSession_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScheduledSession_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ScheduledSession" ("createdAt", "demandId", "endsAt", "id", "mode", "onlineUrl", "place", "roundId", "seriesIndex", "startsAt", "status", "updatedAt") SELECT "createdAt", "demandId", "endsAt", "id", "mode", "onlineUrl", "place", "roundId", "seriesIndex", "startsAt", "status", "updatedAt" FROM "ScheduledSession";
DROP TABLE "ScheduledSession";
ALTER TABLE "new_ScheduledSession" RENAME TO "ScheduledSession";
CREATE INDEX "ScheduledSession_roundId_startsAt_idx" ON "ScheduledSession"("roundId", "startsAt");
CREATE INDEX "ScheduledSession_orgId_startsAt_idx" ON "ScheduledSession"("orgId", "startsAt");
CREATE INDEX "ScheduledSession_status_startsAt_idx" ON "ScheduledSession"("status", "startsAt");
CREATE INDEX "ScheduledSession_startsAt_idx" ON "ScheduledSession"("startsAt");
CREATE INDEX "ScheduledSession_demandId_idx" ON "ScheduledSession"("demandId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SessionVolunteer_assignmentId_idx" ON "SessionVolunteer"("assignmentId");

