CREATE TABLE "assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"line_code" text NOT NULL,
	"district_code" text NOT NULL,
	"act_id" integer NOT NULL,
	"act_number" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "assignments_key" UNIQUE("fund_code","annuality","line_code","district_code","act_number")
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" serial PRIMARY KEY NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"district_code" text NOT NULL,
	"act_id" integer NOT NULL,
	"act_number" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" date NOT NULL,
	CONSTRAINT "disbursements_key" UNIQUE("fund_code","annuality","district_code","act_number")
);
--> statement-breakpoint
CREATE TABLE "district_fund_totals" (
	"district_code" text NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"assigned" bigint DEFAULT 0 NOT NULL,
	"disbursed" bigint DEFAULT 0 NOT NULL,
	"reported" bigint DEFAULT 0 NOT NULL,
	"recognised" bigint DEFAULT 0 NOT NULL,
	"expense_lines" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "district_fund_totals_district_code_fund_code_annuality_pk" PRIMARY KEY("district_code","fund_code","annuality")
);
--> statement-breakpoint
CREATE TABLE "expense_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"document" text NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"area" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"recognised" bigint,
	"report_id" integer,
	"submitted" boolean DEFAULT true NOT NULL,
	"rejection_reason" text,
	CONSTRAINT "expense_lines_key" UNIQUE("district_code","document")
);
--> statement-breakpoint
CREATE TABLE "expense_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"expense_year" integer NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_on" date,
	"late" boolean,
	"days_late" integer,
	"submitted_by" text,
	CONSTRAINT "expense_reports_key" UNIQUE("district_code","expense_year")
);
--> statement-breakpoint
CREATE TABLE "fund_annualities" (
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"allocated" bigint NOT NULL,
	"act_id" integer NOT NULL,
	"gating_rule" jsonb,
	"gating_act_id" integer,
	"transmitted_on" date,
	"transmission_protocol" text,
	CONSTRAINT "fund_annualities_fund_code_annuality_pk" PRIMARY KEY("fund_code","annuality")
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"rule75" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_receipts" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"district_code" text,
	"files" jsonb NOT NULL,
	"stored" jsonb NOT NULL,
	"archive_file_id" integer
);
--> statement-breakpoint
CREATE TABLE "intervention_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"fund_code" text NOT NULL,
	"annuality" integer NOT NULL,
	"code" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"amount" bigint NOT NULL,
	"act_id" integer NOT NULL,
	CONSTRAINT "intervention_lines_key" UNIQUE("fund_code","annuality","code")
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_reports" ADD CONSTRAINT "expense_reports_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_annualities" ADD CONSTRAINT "fund_annualities_fund_code_funds_code_fk" FOREIGN KEY ("fund_code") REFERENCES "public"."funds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_annualities" ADD CONSTRAINT "fund_annualities_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_annualities" ADD CONSTRAINT "fund_annualities_gating_act_id_acts_id_fk" FOREIGN KEY ("gating_act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_receipts" ADD CONSTRAINT "import_receipts_archive_file_id_stored_files_id_fk" FOREIGN KEY ("archive_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_lines" ADD CONSTRAINT "intervention_lines_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_district_idx" ON "assignments" USING btree ("district_code","fund_code","annuality");--> statement-breakpoint
CREATE INDEX "expense_lines_fund_idx" ON "expense_lines" USING btree ("fund_code","annuality");