-- Replaced by sponsorship_codes_distributed_redeemed_idx (the previous migration), which also
-- holds redeemed_at. Dropped without blocking reads or writes of the table.
DROP INDEX CONCURRENTLY IF EXISTS "sponsorship_codes_distributed_idx";
