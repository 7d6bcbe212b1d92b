CREATE TABLE "video_events" (
	"id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"room" text,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_presence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"room" text NOT NULL,
	"identity" text NOT NULL,
	"user_id" uuid,
	"reservation_id" uuid,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "video_presence_kind_check" CHECK ("video_presence"."kind" in ('joined', 'left'))
);
--> statement-breakpoint
CREATE TABLE "video_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room" text NOT NULL,
	"egress_id" text NOT NULL,
	"status" text NOT NULL,
	"location" text,
	"error" text,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "video_recordings_status_check" CHECK ("video_recordings"."status" in ('starting', 'active', 'ending', 'complete', 'failed', 'aborted'))
);
--> statement-breakpoint
CREATE TABLE "video_room_openings" (
	"reservation_id" uuid NOT NULL,
	"room" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"signalled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "video_room_openings_reservation_id_room_starts_at_pk" PRIMARY KEY("reservation_id","room","starts_at")
);
--> statement-breakpoint
ALTER TABLE "video_presence" ADD CONSTRAINT "video_presence_event_id_video_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."video_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_presence" ADD CONSTRAINT "video_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_presence" ADD CONSTRAINT "video_presence_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_recordings" ADD CONSTRAINT "video_recordings_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_room_openings" ADD CONSTRAINT "video_room_openings_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "video_events_room_idx" ON "video_events" USING btree ("room","received_at");--> statement-breakpoint
CREATE INDEX "video_presence_room_idx" ON "video_presence" USING btree ("room","at");--> statement-breakpoint
CREATE INDEX "video_presence_reservation_idx" ON "video_presence" USING btree ("reservation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "video_recordings_egress_idx" ON "video_recordings" USING btree ("egress_id");--> statement-breakpoint
CREATE UNIQUE INDEX "video_recordings_running_idx" ON "video_recordings" USING btree ("room") WHERE "video_recordings"."status" in ('starting', 'active');--> statement-breakpoint
CREATE INDEX "video_recordings_room_idx" ON "video_recordings" USING btree ("room","started_at");