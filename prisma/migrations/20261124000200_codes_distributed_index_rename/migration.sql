-- The new index of distributed codes takes the old one's name (a catalog change, instant).
ALTER INDEX "sponsorship_codes_distributed_redeemed_idx" RENAME TO "sponsorship_codes_distributed_idx";
