CREATE TABLE "credit_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"gateway" text NOT NULL,
	"status" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"intent_id" text,
	"client_secret" text,
	"customer_id" text,
	"grant_id" uuid,
	"failure_code" text,
	"checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_purchases_intent_id_unique" UNIQUE("intent_id"),
	CONSTRAINT "credit_purchases_status_check" CHECK ("credit_purchases"."status" in ('pending', 'succeeded', 'failed', 'canceled')),
	CONSTRAINT "credit_purchases_amount_check" CHECK ("credit_purchases"."amount" between 50 and 5000000),
	CONSTRAINT "credit_purchases_granted_check" CHECK (("credit_purchases"."status" = 'succeeded') = ("credit_purchases"."grant_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_grant_id_credit_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."credit_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_purchases_user_idx" ON "credit_purchases" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "credit_purchases_open_idx" ON "credit_purchases" USING btree ("checked_at") WHERE "credit_purchases"."status" in ('pending', 'failed');