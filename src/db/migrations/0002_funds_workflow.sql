CREATE TABLE "correction_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"expense_line_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"reason" text NOT NULL,
	"proposed" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "expense_lines" ADD COLUMN "acknowledged_act_id" integer;--> statement-breakpoint
ALTER TABLE "import_receipts" ADD COLUMN "report_id" integer;--> statement-breakpoint
CREATE INDEX "correction_requests_district_idx" ON "correction_requests" USING btree ("district_code","status");