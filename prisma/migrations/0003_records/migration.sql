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

