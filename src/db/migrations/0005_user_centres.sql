CREATE TABLE "user_centres" (
	"user_id" integer NOT NULL,
	"centre_name" text NOT NULL,
	CONSTRAINT "user_centres_user_id_centre_name_pk" PRIMARY KEY("user_id","centre_name")
);
--> statement-breakpoint
ALTER TABLE "user_centres" ADD CONSTRAINT "user_centres_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;