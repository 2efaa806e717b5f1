-- CreateEnum
CREATE TYPE "SessionOutcome" AS ENUM ('held', 'not_held', 'substitute');

-- CreateEnum
CREATE TYPE "RecordApproval" AS ENUM ('pending', 'confirmed', 'disputed');

-- CreateTable
CREATE TABLE "SessionRecord" (
    "sessionId" TEXT NOT NULL,
    "outcome" "SessionOutcome" NOT NULL,
    "notHeldReason" TEXT,
    "substituteName" TEXT,
    "minutes" INTEGER NOT NULL DEFAULT 0,
    "pupils" INTEGER NOT NULL DEFAULT 0,
    "parents" INTEGER NOT NULL DEFAULT 0,
    "teachers" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approval" "RecordApproval" NOT NULL DEFAULT 'pending',
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "objection" TEXT,
    "autoApproveAt" TIMESTAMP(3) NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "correctionCount" INTEGER NOT NULL DEFAULT 0,
    "heldAt" TIMESTAMP(3) NOT NULL,
    "schoolId" TEXT NOT NULL,
    "schoolPath" TEXT NOT NULL,
    "districtId" TEXT,
    "kind" "DemandKind" NOT NULL,
    "topic" TEXT NOT NULL,
    "rural" BOOLEAN NOT NULL DEFAULT false,
    "leftBehind" BOOLEAN NOT NULL DEFAULT false,
    "volunteerId" TEXT,
    "volunteerCategory" "VolunteerCategory",

    CONSTRAINT "SessionRecord_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "sessionId" TEXT NOT NULL,
    "content" INTEGER NOT NULL,
    "delivery" INTEGER NOT NULL,
    "engagement" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressNote" (
    "sessionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressNote_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "RecordSettings" (
    "orgId" TEXT NOT NULL,
    "autoApproveDays" INTEGER NOT NULL DEFAULT 7,
    "minSessions" INTEGER NOT NULL DEFAULT 6,
    "minAverageScore" DOUBLE PRECISION NOT NULL DEFAULT 4,

    CONSTRAINT "RecordSettings_pkey" PRIMARY KEY ("orgId")
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

-- AddForeignKey
ALTER TABLE "SessionRecord" ADD CONSTRAINT "SessionRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SessionRecord"("sessionId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

