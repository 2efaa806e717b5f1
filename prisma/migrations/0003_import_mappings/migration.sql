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

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_orgId_list_headerKey_key" ON "ImportMapping"("orgId", "list", "headerKey");

