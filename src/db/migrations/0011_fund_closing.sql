CREATE TABLE "acknowledgements" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"act_id" integer NOT NULL,
	"lines" integer NOT NULL,
	"assigned" bigint NOT NULL,
	"disbursed" bigint NOT NULL,
	"reported" bigint NOT NULL,
	"recognised" bigint NOT NULL,
	"residual" bigint NOT NULL,
	"unspent" bigint NOT NULL,
	"adopted_at" timestamp with time zone NOT NULL,
	"adopted_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receivable_recoveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"receivable_id" integer NOT NULL,
	"district_code" text NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" date,
	"reference" text,
	"disbursement_id" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receivables" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"amount" bigint NOT NULL,
	"settlement" text NOT NULL,
	"redetermination_id" integer,
	"act_id" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redeterminations" (
	"id" serial PRIMARY KEY NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"from_district" text NOT NULL,
	"amount" bigint NOT NULL,
	"assigned_after" bigint NOT NULL,
	"excess" bigint NOT NULL,
	"settlement" text NOT NULL,
	"destinations" jsonb NOT NULL,
	"act_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivable_recoveries" ADD CONSTRAINT "receivable_recoveries_receivable_id_receivables_id_fk" FOREIGN KEY ("receivable_id") REFERENCES "public"."receivables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivable_recoveries" ADD CONSTRAINT "receivable_recoveries_disbursement_id_disbursements_id_fk" FOREIGN KEY ("disbursement_id") REFERENCES "public"."disbursements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivables" ADD CONSTRAINT "receivables_redetermination_id_redeterminations_id_fk" FOREIGN KEY ("redetermination_id") REFERENCES "public"."redeterminations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivables" ADD CONSTRAINT "receivables_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redeterminations" ADD CONSTRAINT "redeterminations_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acknowledgements_key_idx" ON "acknowledgements" USING btree ("district_code","fund_code","annuality");--> statement-breakpoint
CREATE INDEX "receivable_recoveries_key_idx" ON "receivable_recoveries" USING btree ("district_code","fund_code","annuality");--> statement-breakpoint
CREATE INDEX "receivable_recoveries_tranche_idx" ON "receivable_recoveries" USING btree ("disbursement_id");--> statement-breakpoint
CREATE INDEX "receivables_district_idx" ON "receivables" USING btree ("district_code","fund_code","annuality");--> statement-breakpoint
CREATE INDEX "redeterminations_key_idx" ON "redeterminations" USING btree ("fund_code","annuality","from_district");