-- CreateEnum
CREATE TYPE "wishlist_visibility" AS ENUM ('private', 'partner_only', 'public');

-- CreateEnum
CREATE TYPE "wishlist_event_type" AS ENUM ('birthday', 'wedding', 'holiday', 'baby', 'graduation', 'housewarming', 'other');

-- CreateEnum
CREATE TYPE "item_status" AS ENUM ('available', 'reserved', 'purchased');

-- CreateEnum
CREATE TYPE "item_metadata_status" AS ENUM ('pending', 'done', 'failed');

-- CreateEnum
CREATE TYPE "activity_kind" AS ENUM ('wishlist_created', 'item_added', 'item_reserved', 'item_purchased', 'friend_requested', 'friend_accepted');

-- CreateTable
CREATE TABLE "wishlists" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(2000),
    "visibility" "wishlist_visibility" NOT NULL DEFAULT 'private',
    "event_type" "wishlist_event_type",
    "event_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wishlists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "items" (
    "id" UUID NOT NULL,
    "wishlist_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "url" VARCHAR(2048),
    "image_url" VARCHAR(2048),
    "price" DECIMAL(12,2),
    "currency" CHAR(3),
    "status" "item_status" NOT NULL DEFAULT 'available',
    "purchased_by_id" TEXT,
    "purchased_at" TIMESTAMPTZ(3),
    "metadata_status" "item_metadata_status",
    "metadata_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "actor_id" TEXT NOT NULL,
    "kind" "activity_kind" NOT NULL,
    "wishlist_id" UUID,
    "subject_id" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wishlists_owner_visibility_updated_idx" ON "wishlists"("owner_id", "visibility", "updated_at");

-- CreateIndex
CREATE INDEX "wishlists_visibility_event_idx" ON "wishlists"("visibility", "event_type", "event_date");

-- CreateIndex
CREATE INDEX "wishlists_event_calendar_idx" ON "wishlists"("event_date", "event_type");

-- CreateIndex
CREATE INDEX "items_wishlist_status_created_idx" ON "items"("wishlist_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "items_price_currency_created_idx" ON "items"("price", "currency", "created_at");

-- CreateIndex
CREATE INDEX "items_purchased_by_at_idx" ON "items"("purchased_by_id", "purchased_at");

-- CreateIndex
CREATE INDEX "activities_actor_created_idx" ON "activities"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "activities_wishlist_id_idx" ON "activities"("wishlist_id");

-- AddForeignKey
ALTER TABLE "wishlists" ADD CONSTRAINT "wishlists_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "items" ADD CONSTRAINT "items_wishlist_id_fkey" FOREIGN KEY ("wishlist_id") REFERENCES "wishlists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "items" ADD CONSTRAINT "items_purchased_by_id_fkey" FOREIGN KEY ("purchased_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_wishlist_id_fkey" FOREIGN KEY ("wishlist_id") REFERENCES "wishlists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Raw SQL (not expressible in the Prisma schema) ----------------------------------------

-- Prices are never negative; currencies are ISO 4217 codes.
ALTER TABLE "items" ADD CONSTRAINT "items_price_check" CHECK ("price" IS NULL OR "price" >= 0);
ALTER TABLE "items" ADD CONSTRAINT "items_currency_check" CHECK ("currency" IS NULL OR "currency" ~ '^[A-Z]{3}$');
