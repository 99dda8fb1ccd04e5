-- An item's note from its owner for givers (size, colour, edition), at most 500 characters.
-- AlterTable
ALTER TABLE "items" ADD COLUMN "notes" VARCHAR(500);
