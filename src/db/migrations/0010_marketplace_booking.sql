CREATE TABLE "seat_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text,
	"email" text,
	"user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"occurrence_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"attended" boolean NOT NULL,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_occurrence_id_participant_id_pk" PRIMARY KEY("occurrence_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reviews_rating_check" CHECK ("reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "reservation_items" DROP CONSTRAINT "reservation_items_kind_check";--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "occurrence_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "rating_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "seat_participants" ADD CONSTRAINT "seat_participants_reservation_item_id_reservation_items_id_fk" FOREIGN KEY ("reservation_item_id") REFERENCES "public"."reservation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_participants" ADD CONSTRAINT "seat_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_occurrence_id_service_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."service_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seat_participants_item_idx" ON "seat_participants" USING btree ("reservation_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_reservation_key" ON "reviews" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "reviews_practitioner_idx" ON "reviews" USING btree ("practitioner_id","created_at");--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_occurrence_id_service_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."service_occurrences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_items_occurrence_idx" ON "reservation_items" USING btree ("occurrence_id") WHERE "reservation_items"."occurrence_id" is not null;--> statement-breakpoint
CREATE INDEX "reservation_items_service_idx" ON "reservation_items" USING btree ("service_id") WHERE "reservation_items"."service_id" is not null;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_seat_check" CHECK ("reservation_items"."kind" <> 'seat' or "reservation_items"."service_id" is not null);--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_session_check" CHECK ("reservation_items"."kind" <> 'session' or ("reservation_items"."service_id" is not null and "reservation_items"."quantity" = 1));--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_kind_check" CHECK ("reservation_items"."kind" in ('slot', 'stay', 'seat', 'session'));--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_rating_check" CHECK ("services"."rating_count" >= 0 and "services"."rating_total" between "services"."rating_count" and 5 * "services"."rating_count");