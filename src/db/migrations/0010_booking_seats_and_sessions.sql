ALTER TABLE "reservation_items" DROP CONSTRAINT "reservation_items_kind_check";--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "occurrence_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_occurrence_id_service_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."service_occurrences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_items_occurrence_idx" ON "reservation_items" USING btree ("occurrence_id") WHERE "reservation_items"."occurrence_id" is not null;--> statement-breakpoint
CREATE INDEX "reservation_items_service_idx" ON "reservation_items" USING btree ("service_id") WHERE "reservation_items"."service_id" is not null;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_seat_check" CHECK ("reservation_items"."kind" <> 'seat' or "reservation_items"."service_id" is not null);--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_session_check" CHECK ("reservation_items"."kind" <> 'session' or ("reservation_items"."service_id" is not null and "reservation_items"."quantity" = 1));--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_kind_check" CHECK ("reservation_items"."kind" in ('slot', 'stay', 'seat', 'session'));