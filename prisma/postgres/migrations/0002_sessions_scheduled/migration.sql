-- AlterEnum
BEGIN;
CREATE TYPE "ScheduledSessionStatus_new" AS ENUM ('draft', 'unscheduled', 'planned', 'accepted', 'confirmed', 'held', 'not_held', 'cancelled');
ALTER TABLE "ScheduledSession" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "ScheduledSession" ALTER COLUMN "status" TYPE "ScheduledSessionStatus_new" USING ("status"::text::"ScheduledSessionStatus_new");
ALTER TYPE "ScheduledSessionStatus" RENAME TO "ScheduledSessionStatus_old";
ALTER TYPE "ScheduledSessionStatus_new" RENAME TO "ScheduledSessionStatus";
DROP TYPE "ScheduledSessionStatus_old";
ALTER TABLE "ScheduledSession" ALTER COLUMN "status" SET DEFAULT 'draft';
COMMIT;

-- AlterTable
ALTER TABLE "ScheduledSession" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedById" TEXT,
ADD COLUMN     "orgId" TEXT NOT NULL,
ADD COLUMN     "room" TEXT,
ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unscheduledReason" TEXT,
ALTER COLUMN "startsAt" DROP NOT NULL,
ALTER COLUMN "endsAt" DROP NOT NULL,
ALTER COLUMN "status" SET DEFAULT 'draft';

-- AlterTable
ALTER TABLE "SessionVolunteer" ADD COLUMN     "assignmentId" TEXT;

-- CreateIndex
CREATE INDEX "ScheduledSession_orgId_startsAt_idx" ON "ScheduledSession"("orgId", "startsAt");

-- CreateIndex
CREATE INDEX "ScheduledSession_status_startsAt_idx" ON "ScheduledSession"("status", "startsAt");

-- CreateIndex
CREATE INDEX "ScheduledSession_startsAt_idx" ON "ScheduledSession"("startsAt");

-- CreateIndex
CREATE INDEX "SessionVolunteer_assignmentId_idx" ON "SessionVolunteer"("assignmentId");

-- AddForeignKey
ALTER TABLE "ScheduledSession" ADD CONSTRAINT "ScheduledSession_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

