CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_kind_check" CHECK ("calendar_feeds"."kind" in ('customer', 'room', 'practitioner')),
	CONSTRAINT "calendar_feeds_hash_check" CHECK ("calendar_feeds"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "calendar_feeds_customer_check" CHECK ("calendar_feeds"."kind" <> 'customer' or "calendar_feeds"."subject_id" = "calendar_feeds"."owner_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_invites" (
	"reservation_id" uuid PRIMARY KEY NOT NULL,
	"sequence" integer NOT NULL,
	"last_event_id" bigint NOT NULL,
	"method" text NOT NULL,
	CONSTRAINT "calendar_invites_sequence_check" CHECK ("calendar_invites"."sequence" >= 0),
	CONSTRAINT "calendar_invites_method_check" CHECK ("calendar_invites"."method" in ('REQUEST', 'CANCEL'))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "calendar" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_invites" ADD CONSTRAINT "calendar_invites_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" USING btree ("owner_id","created_at");