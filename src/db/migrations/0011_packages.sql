CREATE TABLE "entitlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"purchase_id" uuid NOT NULL,
	"total" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"lapsed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entitlements_purchase_service_key" UNIQUE("purchase_id","service_id"),
	CONSTRAINT "entitlements_used_check" CHECK ("entitlements"."used" >= 0 and "entitlements"."used" <= "entitlements"."total"),
	CONSTRAINT "entitlements_total_check" CHECK ("entitlements"."total" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "package_items" (
	"package_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"sessions" integer NOT NULL,
	CONSTRAINT "package_items_package_id_service_id_pk" PRIMARY KEY("package_id","service_id"),
	CONSTRAINT "package_items_sessions_check" CHECK ("package_items"."sessions" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"discount_percent" integer,
	"price_amount" integer,
	"currency" text NOT NULL,
	"valid_for_days" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_kind_check" CHECK ("packages"."kind" in ('package', 'bundle')),
	CONSTRAINT "packages_price_check" CHECK (("packages"."kind" = 'package' and "packages"."discount_percent" between 0 and 100 and "packages"."price_amount" is null)
        or ("packages"."kind" = 'bundle' and "packages"."price_amount" >= 0 and "packages"."discount_percent" is null)),
	CONSTRAINT "packages_validity_check" CHECK ("packages"."valid_for_days" between 1 and 3650)
);
--> statement-breakpoint
ALTER TABLE "reservation_items" DROP CONSTRAINT "reservation_items_kind_check";--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "package_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "entitlement_id" uuid;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_items" ADD CONSTRAINT "package_items_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_items" ADD CONSTRAINT "package_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entitlements_user_idx" ON "entitlements" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "entitlements_open_idx" ON "entitlements" USING btree ("expires_at") WHERE "entitlements"."lapsed_at" is null;--> statement-breakpoint
CREATE INDEX "packages_practitioner_idx" ON "packages" USING btree ("practitioner_id","kind");--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_entitlement_id_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_package_check" CHECK ("reservation_items"."kind" <> 'package' or "reservation_items"."package_id" is not null);--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_entitlement_check" CHECK ("reservation_items"."entitlement_id" is null or "reservation_items"."kind" in ('seat', 'session'));--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_kind_check" CHECK ("reservation_items"."kind" in ('slot', 'stay', 'seat', 'session', 'package'));