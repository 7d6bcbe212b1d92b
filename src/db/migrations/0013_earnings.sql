CREATE TABLE "earnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"reservation_id" uuid NOT NULL,
	"refund_id" uuid,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"card_amount" integer NOT NULL,
	"credit_amount" integer NOT NULL,
	"package_amount" integer NOT NULL,
	"gross" integer NOT NULL,
	"rate_bp" integer NOT NULL,
	"commission" integer NOT NULL,
	"net" integer NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"payout_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "earnings_refund_id_unique" UNIQUE("refund_id"),
	CONSTRAINT "earnings_kind_check" CHECK ("earnings"."kind" in ('earning', 'adjustment')),
	CONSTRAINT "earnings_status_check" CHECK ("earnings"."status" in ('pending', 'available', 'paid')),
	CONSTRAINT "earnings_sums_check" CHECK ("earnings"."gross" = "earnings"."card_amount" + "earnings"."credit_amount" + "earnings"."package_amount" and "earnings"."net" = "earnings"."gross" - "earnings"."commission"),
	CONSTRAINT "earnings_sign_check" CHECK (("earnings"."kind" = 'earning') = ("earnings"."gross" >= 0)),
	CONSTRAINT "earnings_refund_check" CHECK (("earnings"."kind" = 'adjustment') = ("earnings"."refund_id" is not null)),
	CONSTRAINT "earnings_rate_check" CHECK ("earnings"."rate_bp" between 0 and 10000),
	CONSTRAINT "earnings_paid_check" CHECK ("earnings"."status" <> 'paid' or "earnings"."payout_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"practitioner_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"held_at" timestamp with time zone,
	"held_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_accounts_stripe_account_id_unique" UNIQUE("stripe_account_id")
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"destination" text NOT NULL,
	"transfer_id" text,
	"failure_code" text,
	"failure_message" text,
	"earning_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payouts_transfer_id_unique" UNIQUE("transfer_id"),
	CONSTRAINT "payouts_status_check" CHECK ("payouts"."status" in ('pending', 'paid', 'failed')),
	CONSTRAINT "payouts_amount_check" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "entitlements" ADD COLUMN "unit_value" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "earnings_booking_key" ON "earnings" USING btree ("reservation_id") WHERE "earnings"."kind" = 'earning';--> statement-breakpoint
CREATE INDEX "earnings_practitioner_idx" ON "earnings" USING btree ("practitioner_id","created_at");--> statement-breakpoint
CREATE INDEX "earnings_open_idx" ON "earnings" USING btree ("practitioner_id","currency") WHERE "earnings"."payout_id" is null and "earnings"."status" <> 'paid';--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_one_pending_key" ON "payouts" USING btree ("practitioner_id","currency") WHERE "payouts"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "payouts_practitioner_idx" ON "payouts" USING btree ("practitioner_id","created_at");