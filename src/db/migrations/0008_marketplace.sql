CREATE TABLE "practitioner_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"address" text,
	"city" text,
	"is_virtual" boolean NOT NULL,
	"is_primary" boolean NOT NULL,
	CONSTRAINT "practitioner_locations_place_check" CHECK ("practitioner_locations"."is_virtual" or "practitioner_locations"."city" is not null)
);
--> statement-breakpoint
CREATE TABLE "practitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"specializations" text[] DEFAULT '{}'::text[] NOT NULL,
	"certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"verification_status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"verified_at" timestamp with time zone,
	"is_featured" boolean DEFAULT false NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_total" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioners_status_check" CHECK ("practitioners"."verification_status" in ('pending', 'verified', 'rejected')),
	CONSTRAINT "practitioners_rejection_check" CHECK ("practitioners"."verification_status" <> 'rejected' or "practitioners"."rejection_reason" is not null),
	CONSTRAINT "practitioners_rating_check" CHECK ("practitioners"."rating_count" >= 0 and "practitioners"."rating_total" between "practitioners"."rating_count" and 5 * "practitioners"."rating_count")
);
--> statement-breakpoint
CREATE TABLE "schedule_exceptions" (
	"practitioner_id" uuid NOT NULL,
	"date" date NOT NULL,
	"hours" jsonb NOT NULL,
	CONSTRAINT "schedule_exceptions_practitioner_id_date_pk" PRIMARY KEY("practitioner_id","date")
);
--> statement-breakpoint
CREATE TABLE "service_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_occurrences_span_check" CHECK ("service_occurrences"."ends_at" > "service_occurrences"."starts_at"),
	CONSTRAINT "service_occurrences_capacity_check" CHECK ("service_occurrences"."capacity" between 1 and 1000),
	CONSTRAINT "service_occurrences_taken_check" CHECK ("service_occurrences"."taken" between 0 and "service_occurrences"."capacity")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"price_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"max_participants" integer NOT NULL,
	"is_virtual" boolean DEFAULT false NOT NULL,
	"location" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_type_check" CHECK ("services"."type" in ('session', 'workshop', 'course')),
	CONSTRAINT "services_price_check" CHECK ("services"."price_amount" >= 0),
	CONSTRAINT "services_duration_check" CHECK ("services"."duration_minutes" between 5 and 1440),
	CONSTRAINT "services_participants_check" CHECK ("services"."max_participants" between 1 and 1000 and ("services"."type" <> 'session' or "services"."max_participants" = 1))
);
--> statement-breakpoint
CREATE TABLE "calendar_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"occurrence_id" uuid,
	"reservation_item_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "calendar_claims_span_check" CHECK ("calendar_claims"."ends_at" > "calendar_claims"."starts_at"),
	CONSTRAINT "calendar_claims_source_check" CHECK (num_nonnulls("calendar_claims"."occurrence_id", "calendar_claims"."reservation_item_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "practitioner_locations" ADD CONSTRAINT "practitioner_locations_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_occurrences" ADD CONSTRAINT "service_occurrences_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_claims" ADD CONSTRAINT "calendar_claims_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_claims" ADD CONSTRAINT "calendar_claims_occurrence_id_service_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."service_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_claims" ADD CONSTRAINT "calendar_claims_reservation_item_id_reservation_items_id_fk" FOREIGN KEY ("reservation_item_id") REFERENCES "public"."reservation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practitioner_locations_practitioner_idx" ON "practitioner_locations" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "practitioner_locations_city_idx" ON "practitioner_locations" USING btree (lower("city"));--> statement-breakpoint
CREATE UNIQUE INDEX "practitioner_locations_primary_key" ON "practitioner_locations" USING btree ("practitioner_id") WHERE "practitioner_locations"."is_primary";--> statement-breakpoint
CREATE UNIQUE INDEX "practitioners_venue_key" ON "practitioners" USING btree ("venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practitioners_user_key" ON "practitioners" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "practitioners_public_idx" ON "practitioners" USING btree ("verification_status","is_featured");--> statement-breakpoint
CREATE INDEX "service_occurrences_service_idx" ON "service_occurrences" USING btree ("service_id","starts_at");--> statement-breakpoint
CREATE INDEX "services_practitioner_idx" ON "services" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "services_discovery_idx" ON "services" USING btree ("type","category");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_claims_occurrence_key" ON "calendar_claims" USING btree ("occurrence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_claims_item_key" ON "calendar_claims" USING btree ("reservation_item_id");--> statement-breakpoint
CREATE INDEX "calendar_claims_venue_idx" ON "calendar_claims" USING btree ("venue_id","starts_at");--> statement-breakpoint
-- A practitioner's one calendar, guarded as rooms are (0001): active claims of one venue may not overlap.
ALTER TABLE "calendar_claims"
  ADD CONSTRAINT "calendar_claims_no_overlap"
  EXCLUDE USING gist ("venue_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("active");
