-- DropIndex
DROP INDEX "SessionRecord_heldAt_idx";

-- DropIndex
DROP INDEX "SessionRecord_approval_autoApproveAt_idx";

-- AlterTable
ALTER TABLE "SessionRecord" ADD COLUMN     "score" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "SessionRecord_report_idx" ON "SessionRecord"("heldAt", "outcome", "approval", "autoApproveAt", "schoolPath", "schoolId", "districtId", "kind", "topic", "volunteerCategory", "volunteerId", "rural", "leftBehind", "minutes", "pupils", "parents", "teachers", "score");


-- Copy the scores of evaluations made before the column existed.
UPDATE "SessionRecord" SET "score" = (SELECT e."score" FROM "Evaluation" e WHERE e."sessionId" = "SessionRecord"."sessionId");
