-- The double-booking guard. btree_gist lets one GiST index compare the room id with =
-- and the claimed span with &&; only active claims take part, so cancelling or expiring
-- a reservation frees its span by flipping `active` in the same transaction.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "reservation_items"
  ADD CONSTRAINT "reservation_items_no_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "blocked_until", '[)') WITH &&)
  WHERE ("active" AND "kind" = 'slot');
