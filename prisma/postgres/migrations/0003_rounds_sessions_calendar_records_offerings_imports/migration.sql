-- CreateEnum
CREATE TYPE "OfferingStatus" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "ReplanStatus" AS ENUM ('proposed', 'applied', 'discarded', 'stale');

-- CreateEnum
CREATE TYPE "SessionOutcome" AS ENUM ('held', 'not_held', 'substitute');

-- CreateEnum
CREATE TYPE "RecordApproval" AS ENUM ('pending', 'confirmed', 'disputed');

-- AlterEnum
BEGIN;
CREATE TYPE "RoundStatus_new" AS ENUM ('planning', 'scheduling', 'running', 'closed');
ALTER TABLE "MatchingRound" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "MatchingRound" ALTER COLUMN "status" TYPE "RoundStatus_new" USING ("status"::text::"RoundStatus_new");
ALTER TYPE "RoundStatus" RENAME TO "RoundStatus_old";
ALTER TYPE "RoundStatus_new" RENAME TO "RoundStatus";
DROP TYPE "RoundStatus_old";
ALTER TABLE "MatchingRound" ALTER COLUMN "status" SET DEFAULT 'planning';
COMMIT;

-- AlterTable
ALTER TABLE "Demand" ADD COLUMN     "offeringId" TEXT;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "booked" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Offering" (
    "id" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleInitials" TEXT NOT NULL DEFAULT '',
    "kind" "DemandKind" NOT NULL,
    "topic" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "minutes" INTEGER NOT NULL DEFAULT 90,
    "sessionCount" INTEGER NOT NULL DEFAULT 1,
    "offersOnline" BOOLEAN NOT NULL DEFAULT false,
    "offersOffline" BOOLEAN NOT NULL DEFAULT true,
    "perTerm" INTEGER NOT NULL DEFAULT 2,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "OfferingStatus" NOT NULL DEFAULT 'pending',
    "reviewNote" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Replan" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "triggerInfo" TEXT NOT NULL DEFAULT '{}',
    "changes" TEXT NOT NULL,
    "status" "ReplanStatus" NOT NULL DEFAULT 'proposed',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Replan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "headerKey" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("id")
);

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

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "NotificationChannelSetting" (
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationChannelSetting_pkey" PRIMARY KEY ("userId","channel")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "notificationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("notificationId","channel")
);

-- CreateTable
CREATE TABLE "ReminderJob" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "ReminderJob_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Demand_offeringId_idx" ON "Demand"("offeringId");

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offering" ADD CONSTRAINT "Offering_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "VolunteerProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replan" ADD CONSTRAINT "Replan_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionRecord" ADD CONSTRAINT "SessionRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SessionRecord"("sessionId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ScheduledSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

