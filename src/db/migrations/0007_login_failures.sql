CREATE TABLE "login_failures" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_failures_scope_key_pk" PRIMARY KEY("scope","key"),
	CONSTRAINT "login_failures_scope_check" CHECK ("login_failures"."scope" in ('account', 'address')),
	CONSTRAINT "login_failures_failures_check" CHECK ("login_failures"."failures" >= 0)
);
--> statement-breakpoint
CREATE INDEX "login_failures_window_idx" ON "login_failures" USING btree ("window_started_at");