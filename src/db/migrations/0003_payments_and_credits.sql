CREATE TABLE "payment_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid,
	"reservation_id" uuid,
	"kind" text NOT NULL,
	"code" text,
	"raw" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_log_kind_check" CHECK ("payment_log"."kind" in ('intent_created', 'intent_succeeded', 'intent_failed', 'charge_created', 'refund_created', 'webhook_received', 'error'))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"user_id" uuid,
	"gateway" text NOT NULL,
	"status" text NOT NULL,
	"method" text,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"credit_amount" integer DEFAULT 0 NOT NULL,
	"captured_amount" integer DEFAULT 0 NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"credit_refunded_amount" integer DEFAULT 0 NOT NULL,
	"intent_id" text,
	"client_secret" text,
	"charge_id" text,
	"customer_id" text,
	"card_brand" text,
	"card_last4" text,
	"card_exp_month" integer,
	"card_exp_year" integer,
	"receipt_url" text,
	"failure_code" text,
	"failure_message" text,
	"checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_intent_id_unique" UNIQUE("intent_id"),
	CONSTRAINT "payments_reservation_key" UNIQUE("reservation_id"),
	CONSTRAINT "payments_status_check" CHECK ("payments"."status" in ('pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded')),
	CONSTRAINT "payments_method_check" CHECK ("payments"."method" is null or "payments"."method" in ('card', 'paypal', 'apple_pay', 'google_pay', 'credits')),
	CONSTRAINT "payments_amounts_check" CHECK ("payments"."amount" >= 0 and "payments"."credit_amount" >= 0 and "payments"."captured_amount" between 0 and "payments"."amount"),
	CONSTRAINT "payments_refund_check" CHECK ("payments"."refunded_amount" between 0 and "payments"."captured_amount" and "payments"."credit_refunded_amount" between 0 and "payments"."credit_amount")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"reservation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"amount" integer NOT NULL,
	"credit_amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"gateway_refund_id" text,
	"failure_message" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_gateway_refund_id_unique" UNIQUE("gateway_refund_id"),
	CONSTRAINT "refunds_payment_seq_key" UNIQUE("payment_id","seq"),
	CONSTRAINT "refunds_status_check" CHECK ("refunds"."status" in ('pending', 'succeeded', 'failed')),
	CONSTRAINT "refunds_source_check" CHECK ("refunds"."source" in ('policy', 'staff', 'venue_cancel', 'late_payment', 'gateway')),
	CONSTRAINT "refunds_amount_check" CHECK ("refunds"."amount" >= 0 and "refunds"."credit_amount" >= 0 and "refunds"."amount" + "refunds"."credit_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"grant_id" uuid,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"reservation_id" uuid,
	"payment_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_entries_kind_check" CHECK ("credit_entries"."kind" in ('purchase', 'refund', 'promotion', 'spend', 'restore', 'expiry')),
	CONSTRAINT "credit_entries_amount_check" CHECK ("credit_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "credit_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"used_amount" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"note" text,
	"reservation_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_grants_kind_check" CHECK ("credit_grants"."kind" in ('purchase', 'refund', 'promotion')),
	CONSTRAINT "credit_grants_amount_check" CHECK ("credit_grants"."amount" > 0 and "credit_grants"."used_amount" >= 0 and "credit_grants"."used_amount" <= "credit_grants"."amount"),
	CONSTRAINT "credit_grants_currency_check" CHECK ("credit_grants"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "cancellation_policy" jsonb;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "deposit_percent" integer;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "cancellation_policy" jsonb DEFAULT '{"tiers":[{"hours_before":48,"refund_percent":100},{"hours_before":0,"refund_percent":50}],"no_show_percent":0}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_log" ADD CONSTRAINT "payment_log_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_grant_id_credit_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."credit_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_grants" ADD CONSTRAINT "credit_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_log_payment_idx" ON "payment_log" USING btree ("payment_id","id");--> statement-breakpoint
CREATE INDEX "payments_user_idx" ON "payments" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_venue_idx" ON "payments" USING btree ("venue_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_open_idx" ON "payments" USING btree ("checked_at") WHERE "payments"."status" in ('pending', 'failed');--> statement-breakpoint
CREATE INDEX "refunds_pending_idx" ON "refunds" USING btree ("created_at") WHERE "refunds"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "credit_entries_user_idx" ON "credit_entries" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "credit_entries_payment_idx" ON "credit_entries" USING btree ("payment_id") WHERE "credit_entries"."payment_id" is not null;--> statement-breakpoint
CREATE INDEX "credit_grants_user_idx" ON "credit_grants" USING btree ("user_id","currency");--> statement-breakpoint
CREATE INDEX "credit_grants_expiry_idx" ON "credit_grants" USING btree ("expires_at") WHERE "credit_grants"."expired_at" is null and "credit_grants"."expires_at" is not null;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_deposit_check" CHECK ("venues"."deposit_percent" is null or "venues"."deposit_percent" between 1 and 100);