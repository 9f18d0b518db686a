CREATE TABLE "security_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"count" bigint DEFAULT 1 NOT NULL,
	"kind" text NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"user_id" integer,
	"address" text DEFAULT '' NOT NULL,
	"route" text DEFAULT '' NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	CONSTRAINT "security_events_kind_check" CHECK (kind IN ('sign_in', 'sign_out', 'sign_in_failed', 'sign_in_throttled', 'access_denied', 'csrf_refused', 'password_changed', 'password_reset', 'export'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "security_events_minute_key" ON "security_events" USING btree ("minute","kind","address","username","route","detail");--> statement-breakpoint
CREATE INDEX "security_events_at_idx" ON "security_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "security_events_kind_idx" ON "security_events" USING btree ("kind","at");