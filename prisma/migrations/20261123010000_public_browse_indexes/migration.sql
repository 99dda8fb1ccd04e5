-- The public lists' browse page filters on "has an item up to a price in a currency" while it
-- reads the newest public lists in order (wishlists_public_updated_idx). At --scale large
-- (1.2 M items, EXPLAIN ANALYZE, 21 lists a page): each list's items were probed through
-- items_wishlist_status_created_idx and the heap, 0.4 ms a list (EUR up to 10: 1.2 s); probed
-- index-only through the first index below, 0.03 ms (41 ms). A filter few items match (a
-- currency nobody uses) walked every public list (1 s); the second index finds the matching
-- items first (1 ms). The planner picks between them from the statistics.
-- CreateIndex
CREATE INDEX "items_list_currency_price_idx" ON "items"("wishlist_id", "currency", "price");

-- CreateIndex
CREATE INDEX "items_currency_price_list_idx" ON "items"("currency", "price", "wishlist_id");
