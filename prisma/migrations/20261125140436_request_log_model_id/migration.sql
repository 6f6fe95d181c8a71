-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "budget_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "model_id" TEXT;

-- CreateIndex
CREATE INDEX "request_logs_created_at_idx" ON "request_logs"("created_at");

-- CreateIndex
CREATE INDEX "request_logs_model_id_created_at_idx" ON "request_logs"("model_id", "created_at");
