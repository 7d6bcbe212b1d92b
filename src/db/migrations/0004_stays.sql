CREATE TABLE "inventory_nights" (
	"room_type_id" uuid NOT NULL,
	"night" date NOT NULL,
	"units" integer NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"min_stay" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "inventory_nights_room_type_id_night_pk" PRIMARY KEY("room_type_id","night"),
	CONSTRAINT "inventory_nights_fit_check" CHECK ("inventory_nights"."held" + "inventory_nights"."sold" <= "inventory_nights"."units"),
	CONSTRAINT "inventory_nights_counts_check" CHECK ("inventory_nights"."units" >= 0 and "inventory_nights"."held" >= 0 and "inventory_nights"."sold" >= 0),
	CONSTRAINT "inventory_nights_min_stay_check" CHECK ("inventory_nights"."min_stay" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "rate_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_type_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"cancellation_policy" jsonb,
	"adjustment_percent" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_plans_adjustment_check" CHECK ("rate_plans"."adjustment_percent" between -100 and 1000)
);
--> statement-breakpoint
CREATE TABLE "room_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"total_units" integer NOT NULL,
	"max_occupancy" integer NOT NULL,
	"base_rate" integer NOT NULL,
	"amenities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_types_units_check" CHECK ("room_types"."total_units" between 0 and 10000),
	CONSTRAINT "room_types_occupancy_check" CHECK ("room_types"."max_occupancy" between 1 and 100),
	CONSTRAINT "room_types_rate_check" CHECK ("room_types"."base_rate" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pricing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"room_type_id" uuid,
	"rate_plan_id" uuid,
	"starts_on" date,
	"ends_on" date,
	"weekdays" jsonb,
	"amount" integer,
	"percent" integer,
	"priority" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_rules_kind_check" CHECK ("pricing_rules"."kind" in ('season', 'weekday', 'override')),
	CONSTRAINT "pricing_rules_effect_check" CHECK (("pricing_rules"."amount" is null) <> ("pricing_rules"."percent" is null)),
	CONSTRAINT "pricing_rules_amount_check" CHECK ("pricing_rules"."amount" is null or "pricing_rules"."amount" >= 0),
	CONSTRAINT "pricing_rules_percent_check" CHECK ("pricing_rules"."percent" is null or "pricing_rules"."percent" between -100 and 1000),
	CONSTRAINT "pricing_rules_range_check" CHECK ("pricing_rules"."starts_on" is null or "pricing_rules"."ends_on" is null or "pricing_rules"."ends_on" >= "pricing_rules"."starts_on"),
	CONSTRAINT "pricing_rules_override_check" CHECK ("pricing_rules"."kind" <> 'override' or ("pricing_rules"."rate_plan_id" is not null and "pricing_rules"."amount" is not null and "pricing_rules"."starts_on" is not null and "pricing_rules"."ends_on" is not null)),
	CONSTRAINT "pricing_rules_weekday_check" CHECK ("pricing_rules"."kind" <> 'weekday' or "pricing_rules"."weekdays" is not null),
	CONSTRAINT "pricing_rules_season_check" CHECK ("pricing_rules"."kind" <> 'season' or ("pricing_rules"."starts_on" is not null and "pricing_rules"."ends_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "reservation_items" DROP CONSTRAINT "reservation_items_kind_check";--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "room_type_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "rate_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "arrival" date;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "departure" date;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "guests" integer;--> statement-breakpoint
ALTER TABLE "inventory_nights" ADD CONSTRAINT "inventory_nights_room_type_id_room_types_id_fk" FOREIGN KEY ("room_type_id") REFERENCES "public"."room_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_plans" ADD CONSTRAINT "rate_plans_room_type_id_room_types_id_fk" FOREIGN KEY ("room_type_id") REFERENCES "public"."room_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_types" ADD CONSTRAINT "room_types_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_rules" ADD CONSTRAINT "pricing_rules_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_rules" ADD CONSTRAINT "pricing_rules_room_type_id_room_types_id_fk" FOREIGN KEY ("room_type_id") REFERENCES "public"."room_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_rules" ADD CONSTRAINT "pricing_rules_rate_plan_id_rate_plans_id_fk" FOREIGN KEY ("rate_plan_id") REFERENCES "public"."rate_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_plans_room_type_idx" ON "rate_plans" USING btree ("room_type_id","position");--> statement-breakpoint
CREATE INDEX "room_types_venue_idx" ON "room_types" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "pricing_rules_venue_idx" ON "pricing_rules" USING btree ("venue_id");--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_room_type_id_room_types_id_fk" FOREIGN KEY ("room_type_id") REFERENCES "public"."room_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_rate_plan_id_rate_plans_id_fk" FOREIGN KEY ("rate_plan_id") REFERENCES "public"."rate_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservations_venue_end_idx" ON "reservations" USING btree ("venue_id","ends_at");--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_stay_check" CHECK ("reservation_items"."kind" <> 'stay' or ("reservation_items"."room_type_id" is not null and "reservation_items"."departure" > "reservation_items"."arrival" and "reservation_items"."guests" >= 1));--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_quantity_check" CHECK ("reservation_items"."quantity" between 1 and 100);--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_kind_check" CHECK ("reservation_items"."kind" in ('slot', 'stay'));