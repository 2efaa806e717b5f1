-- CreateEnum
CREATE TYPE "ReplanStatus" AS ENUM ('proposed', 'applied', 'discarded', 'stale');

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

-- CreateIndex
CREATE INDEX "Replan_roundId_status_idx" ON "Replan"("roundId", "status");

-- AddForeignKey
ALTER TABLE "Replan" ADD CONSTRAINT "Replan_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MatchingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

