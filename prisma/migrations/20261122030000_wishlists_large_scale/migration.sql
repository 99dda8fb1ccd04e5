-- The dashboard's public section reads the newest public lists in its own order (updated_at
-- DESC, id) and stops after 12; without this index it sorted every public list (133,000 at large scale).
-- CreateIndex
CREATE INDEX "wishlists_public_updated_idx" ON "wishlists"("updated_at" DESC, "id") WHERE (visibility = 'public');

-- Upcoming events now start from the viewer's and friends' lists (the owner index); nothing
-- reads lists by event date across owners any more, and an unused index only costs writes.
-- DropIndex
DROP INDEX "wishlists_event_calendar_idx";
