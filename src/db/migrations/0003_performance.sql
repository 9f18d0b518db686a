CREATE TABLE "performance_activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"objective_id" integer NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"planned" text DEFAULT '' NOT NULL,
	"actual" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_centre_objectives" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"objective_id" integer NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "performance_centre_objectives_pair" UNIQUE("centre_id","objective_id")
);
--> statement-breakpoint
CREATE TABLE "performance_centres" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "performance_centres_name" UNIQUE("plan_id","name")
);
--> statement-breakpoint
CREATE TABLE "performance_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"objective_id" integer NOT NULL,
	"comment" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "performance_evaluations_objective" UNIQUE("objective_id")
);
--> statement-breakpoint
CREATE TABLE "performance_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"objective_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"target" text NOT NULL,
	"actual" text DEFAULT '' NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_objectives" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"shared_key" text,
	"title" text NOT NULL,
	"strategic_area" text DEFAULT '' NOT NULL,
	"operational_objective" text DEFAULT '' NOT NULL,
	"peg_project" text DEFAULT '' NOT NULL,
	"services" text DEFAULT '' NOT NULL,
	"end_users" text DEFAULT '' NOT NULL,
	"networks" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"report" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"year" integer NOT NULL,
	"period_from" integer NOT NULL,
	"period_to" integer NOT NULL,
	"scoring" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"validated_by" text,
	"validated_at" timestamp with time zone,
	"validation_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"objective_id" integer NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"act_id" integer,
	"act_label" text NOT NULL,
	"date" date NOT NULL,
	"snapshot" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "performance_revisions_version" UNIQUE("objective_id","version")
);
--> statement-breakpoint
ALTER TABLE "performance_activities" ADD CONSTRAINT "performance_activities_objective_id_performance_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."performance_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_centre_objectives" ADD CONSTRAINT "performance_centre_objectives_centre_id_performance_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."performance_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_centre_objectives" ADD CONSTRAINT "performance_centre_objectives_objective_id_performance_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."performance_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_centres" ADD CONSTRAINT "performance_centres_plan_id_performance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."performance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_evaluations" ADD CONSTRAINT "performance_evaluations_objective_id_performance_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."performance_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_indicators" ADD CONSTRAINT "performance_indicators_objective_id_performance_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."performance_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_objectives" ADD CONSTRAINT "performance_objectives_plan_id_performance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."performance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_revisions" ADD CONSTRAINT "performance_revisions_objective_id_performance_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."performance_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_revisions" ADD CONSTRAINT "performance_revisions_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "performance_activities_objective_idx" ON "performance_activities" USING btree ("objective_id");--> statement-breakpoint
CREATE INDEX "performance_indicators_objective_idx" ON "performance_indicators" USING btree ("objective_id");--> statement-breakpoint
CREATE INDEX "performance_objectives_plan_idx" ON "performance_objectives" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "performance_plans_body_year_idx" ON "performance_plans" USING btree ("body","year");