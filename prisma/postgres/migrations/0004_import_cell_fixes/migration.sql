-- CreateTable
CREATE TABLE "ImportCellFix" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "fixed" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportCellFix_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportCellFix_orgId_list_field_value_key" ON "ImportCellFix"("orgId", "list", "field", "value");

