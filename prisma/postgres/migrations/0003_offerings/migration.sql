-- CreateEnum
CREATE TYPE "OfferingStatus" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

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

-- CreateIndex
CREATE INDEX "Offering_status_topic_idx" ON "Offering"("status", "topic");

-- CreateIndex
CREATE INDEX "Offering_volunteerId_idx" ON "Offering"("volunteerId");

-- CreateIndex
CREATE INDEX "Offering_titleInitials_idx" ON "Offering"("titleInitials");

-- CreateIndex
CREATE INDEX "Demand_offeringId_idx" ON "Demand"("offeringId");

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offering" ADD CONSTRAINT "Offering_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "VolunteerProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

