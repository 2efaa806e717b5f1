-- CreateTable
CREATE TABLE "Offering" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "volunteerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleInitials" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "minutes" INTEGER NOT NULL DEFAULT 90,
    "sessionCount" INTEGER NOT NULL DEFAULT 1,
    "offersOnline" BOOLEAN NOT NULL DEFAULT false,
    "offersOffline" BOOLEAN NOT NULL DEFAULT true,
    "perTerm" INTEGER NOT NULL DEFAULT 2,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reviewNote" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Offering_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "VolunteerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "headerKey" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SessionRecord" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "outcome" TEXT NOT NULL,
    "notHeldReason" TEXT,
    "substituteName" TEXT,
    "minutes" INTEGER NOT NULL DEFAULT 0,
    "pupils" INTEGER NOT NULL DEFAULT 0,
    "parents" INTEGER NOT NULL DEFAULT 0,
    "teachers" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approval" TEXT NOT NULL DEFAULT 'pending',
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "objection" TEXT,
    "autoApproveAt" DATETIME NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "correctionCount" INTEGER NOT NULL DEFAULT 0,
    "heldAt" DATETIME NOT NULL,
    "schoolId" TEXT NOT NULL,
    "schoolPath" TEXT NOT NULL,
    "districtId" TEXT,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "rural" BOOLEAN NOT NULL DEFAULT false,
    "leftBehind" BOOLEAN NOT NULL DEFAULT false,
    "volunteerId" TEXT,
    "volunteerCategory" TEXT,
    CONSTRAINT "SessionRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "content" INTEGER NOT NULL,
    "delivery" INTEGER NOT NULL,
    "engagement" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evaluation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SessionRecord" ("sessionId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Observation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressNote" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RecordSettings" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "autoApproveDays" INTEGER NOT NULL DEFAULT 7,
    "minSessions" INTEGER NOT NULL DEFAULT 6,
    "minAverageScore" REAL NOT NULL DEFAULT 4
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotificationChannelSetting" (
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "channel")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "notificationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "error" TEXT,

    PRIMARY KEY ("notificationId", "channel")
);

-- CreateTable
CREATE TABLE "ReminderJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "doneAt" DATETIME,
    "outcome" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Demand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "roundId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "audienceSize" INTEGER NOT NULL DEFAULT 0,
    "mode" TEXT NOT NULL DEFAULT 'offline',
    "windowFrom" DATETIME NOT NULL,
    "windowTo" DATETIME NOT NULL,
    "sessionCount" INTEGER NOT NULL DEFAULT 1,
    "sessionMinutes" INTEGER NOT NULL DEFAULT 90,
    "seats" INTEGER NOT NULL DEFAULT 1,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "rural" BOOLEAN NOT NULL DEFAULT false,
    "leftBehind" BOOLEAN NOT NULL DEFAULT false,
    "hardship" BOOLEAN NOT NULL DEFAULT false,
    "language" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "offeringId" TEXT,
    CONSTRAINT "Demand_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Demand_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Demand_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Demand" ("audience", "audienceSize", "createdAt", "createdById", "hardship", "id", "kind", "language", "leftBehind", "mode", "notes", "orgId", "priority", "roundId", "rural", "seats", "sessionCount", "sessionMinutes", "status", "title", "topic", "updatedAt", "windowFrom", "windowTo") SELECT "audience", "audienceSize", "createdAt", "createdById", "hardship", "id", "kind", "language", "leftBehind", "mode", "notes", "orgId", "priority", "roundId", "rural", "seats", "sessionCount", "sessionMinutes", "status", "title", "topic", "updatedAt", "windowFrom", "windowTo" FROM "Demand";
DROP TABLE "Demand";
ALTER TABLE "new_Demand" RENAME TO "Demand";
CREATE INDEX "Demand_orgId_status_idx" ON "Demand"("orgId", "status");
CREATE INDEX "Demand_roundId_idx" ON "Demand"("roundId");
CREATE INDEX "Demand_topic_idx" ON "Demand"("topic");
CREATE INDEX "Demand_kind_idx" ON "Demand"("kind");
CREATE INDEX "Demand_status_priority_idx" ON "Demand"("status", "priority");
CREATE INDEX "Demand_offeringId_idx" ON "Demand"("offeringId");
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "booked" BOOLEAN NOT NULL DEFAULT false,
    "declineReason" TEXT,
    "createdById" TEXT,
    "updatedById" TEXT,
    "respondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "VolunteerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("createdAt", "createdById", "declineReason", "demandId", "id", "pinned", "respondedAt", "roundId", "state", "updatedAt", "updatedById", "volunteerId") SELECT "createdAt", "createdById", "declineReason", "demandId", "id", "pinned", "respondedAt", "roundId", "state", "updatedAt", "updatedById", "volunteerId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_roundId_state_idx" ON "Assignment"("roundId", "state");
CREATE INDEX "Assignment_volunteerId_state_idx" ON "Assignment"("volunteerId", "state");
CREATE UNIQUE INDEX "Assignment_demandId_volunteerId_key" ON "Assignment"("demandId", "volunteerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Offering_status_topic_idx" ON "Offering"("status", "topic");

-- CreateIndex
CREATE INDEX "Offering_volunteerId_idx" ON "Offering"("volunteerId");

-- CreateIndex
CREATE INDEX "Offering_titleInitials_idx" ON "Offering"("titleInitials");

-- CreateIndex
CREATE INDEX "Replan_roundId_status_idx" ON "Replan"("roundId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_orgId_list_headerKey_key" ON "ImportMapping"("orgId", "list", "headerKey");

-- CreateIndex
CREATE INDEX "SessionRecord_schoolPath_heldAt_idx" ON "SessionRecord"("schoolPath", "heldAt");

-- CreateIndex
CREATE INDEX "SessionRecord_heldAt_idx" ON "SessionRecord"("heldAt");

-- CreateIndex
CREATE INDEX "SessionRecord_volunteerId_heldAt_idx" ON "SessionRecord"("volunteerId", "heldAt");

-- CreateIndex
CREATE INDEX "SessionRecord_approval_autoApproveAt_idx" ON "SessionRecord"("approval", "autoApproveAt");

-- CreateIndex
CREATE INDEX "Observation_sessionId_idx" ON "Observation"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "ReminderJob_doneAt_dueAt_idx" ON "ReminderJob"("doneAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderJob_sessionId_userId_daysBefore_startsAt_key" ON "ReminderJob"("sessionId", "userId", "daysBefore", "startsAt");

