CREATE TABLE "budget_chapter_amounts" (
	"chapter_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"act_id" integer NOT NULL,
	CONSTRAINT "budget_chapter_amounts_chapter_id_year_pk" PRIMARY KEY("chapter_id","year")
);
--> statement-breakpoint
CREATE TABLE "budget_chapter_statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"chapter_id" integer NOT NULL,
	"year" integer NOT NULL,
	"semester" integer NOT NULL,
	"as_of" date NOT NULL,
	"budget" bigint NOT NULL,
	"reserved" bigint NOT NULL,
	"assigned" bigint NOT NULL,
	"available" bigint NOT NULL,
	"act_id" integer,
	"communication" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "budget_chapter_statements_key" UNIQUE("chapter_id","year","semester")
);
--> statement-breakpoint
CREATE TABLE "budget_chapters" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fund_code" text NOT NULL,
	CONSTRAINT "budget_chapters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "budget_reservations" (
	"id" serial PRIMARY KEY NOT NULL,
	"chapter_id" integer NOT NULL,
	"line_id" integer NOT NULL,
	CONSTRAINT "budget_reservations_line_unique" UNIQUE("line_id")
);
--> statement-breakpoint
ALTER TABLE "budget_chapter_amounts" ADD CONSTRAINT "budget_chapter_amounts_chapter_id_budget_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."budget_chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_chapter_amounts" ADD CONSTRAINT "budget_chapter_amounts_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_chapter_statements" ADD CONSTRAINT "budget_chapter_statements_chapter_id_budget_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."budget_chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_chapter_statements" ADD CONSTRAINT "budget_chapter_statements_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_chapters" ADD CONSTRAINT "budget_chapters_fund_code_funds_code_fk" FOREIGN KEY ("fund_code") REFERENCES "public"."funds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reservations" ADD CONSTRAINT "budget_reservations_chapter_id_budget_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."budget_chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reservations" ADD CONSTRAINT "budget_reservations_line_id_intervention_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."intervention_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_reservations_chapter_idx" ON "budget_reservations" USING btree ("chapter_id");