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

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_orgId_list_headerKey_key" ON "ImportMapping"("orgId", "list", "headerKey");

