-- Channels (plan 002, channel analytics). The tables are new and empty: plain CREATE INDEX. The
-- plan's non-blocking index builds only matter for an index added to a table in use, and then
-- alone in a migration of its own (the runner applies such a migration outside a transaction).

-- CreateEnum
CREATE TYPE "metric_batch_status" AS ENUM ('queued', 'processed');

-- CreateEnum
CREATE TYPE "subscription_status" AS ENUM ('active', 'trial', 'expired', 'cancelled');

-- CreateTable
CREATE TABLE "channels" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "handle" VARCHAR(32) NOT NULL,
    "subscriber_count" INTEGER NOT NULL DEFAULT 0,
    "subscribers_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posts" (
    "id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "text" VARCHAR(4096) NOT NULL,
    "views" BIGINT NOT NULL DEFAULT 0,
    "likes" BIGINT NOT NULL DEFAULT 0,
    "forwards" BIGINT NOT NULL DEFAULT 0,
    "metrics_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_metrics" (
    "post_id" UUID NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL,
    "views" INTEGER NOT NULL,
    "likes" INTEGER NOT NULL,
    "forwards" INTEGER NOT NULL,

    CONSTRAINT "post_metrics_pkey" PRIMARY KEY ("post_id","captured_at")
);

-- CreateTable
CREATE TABLE "analytics_daily" (
    "channel_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "posts" INTEGER NOT NULL DEFAULT 0,
    "views" BIGINT NOT NULL DEFAULT 0,
    "likes" BIGINT NOT NULL DEFAULT 0,
    "forwards" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_daily_pkey" PRIMARY KEY ("channel_id","day")
);

-- CreateTable
CREATE TABLE "channel_stats" (
    "channel_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "subscribers" INTEGER NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_stats_pkey" PRIMARY KEY ("channel_id","period_start","period_end")
);

-- CreateTable
CREATE TABLE "metric_batches" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "metric_batch_status" NOT NULL DEFAULT 'queued',
    "post_count" INTEGER NOT NULL,
    "channel_count" INTEGER NOT NULL,
    "payload" JSONB,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "metric_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription_plans" (
    "id" VARCHAR(32) NOT NULL,
    "name" VARCHAR(60) NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "max_channels" INTEGER NOT NULL,
    "history_days" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "subscription_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "plan_id" VARCHAR(32) NOT NULL,
    "status" "subscription_status" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "channels_handle_key" ON "channels"("handle");

-- CreateIndex
CREATE INDEX "channels_owner_title_idx" ON "channels"("owner_id", "title");

-- CreateIndex
CREATE INDEX "posts_channel_published_idx" ON "posts"("channel_id", "published_at" DESC);

-- CreateIndex
CREATE INDEX "post_metrics_captured_brin_idx" ON "post_metrics" USING BRIN ("captured_at");

-- CreateIndex
CREATE INDEX "metric_batches_queued_idx" ON "metric_batches"("received_at") WHERE (status = 'queued');

-- CreateIndex
CREATE INDEX "metric_batches_processed_idx" ON "metric_batches"("processed_at");

-- CreateIndex
CREATE INDEX "subscriptions_user_status_idx" ON "subscriptions"("user_id", "status", "expires_at") WHERE (status = ANY (ARRAY['active'::subscription_status, 'trial'::subscription_status]));

-- CreateIndex
CREATE INDEX "subscriptions_user_started_idx" ON "subscriptions"("user_id", "started_at" DESC);

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_stats" ADD CONSTRAINT "channel_stats_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_batches" ADD CONSTRAINT "metric_batches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "subscription_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Raw SQL (not expressible in the Prisma schema) ----------------------------------------

-- Plan 002's covering index: a channel's days with their counts, read from the index alone (an
-- index-only scan) by every dashboard read of the rollup. The primary key (same key columns)
-- cannot carry INCLUDE columns here: Prisma's schema language cannot state them, and its drift
-- check would see a primary key of six columns. The price is a second index that each rollup
-- update writes (the counts are in it, so those updates are never HOT either way).
CREATE INDEX "analytics_daily_covering_idx" ON "analytics_daily" ("channel_id", "day") INCLUDE ("posts", "views", "likes", "forwards");

-- Metrics are counts: never negative. A period ends after it starts.
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_counts_check" CHECK ("views" >= 0 AND "likes" >= 0 AND "forwards" >= 0);
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_counts_check" CHECK ("posts" >= 0 AND "views" >= 0 AND "likes" >= 0 AND "forwards" >= 0);
ALTER TABLE "channel_stats" ADD CONSTRAINT "channel_stats_period_check" CHECK ("period_end" > "period_start");
-- Handles are stored lowercase, without "@" (the mutations normalise them).
ALTER TABLE "channels" ADD CONSTRAINT "channels_handle_check" CHECK ("handle" ~ '^[a-z0-9_]{5,32}$');

-- Plan 002's time-window partial indexes cannot be built in PostgreSQL:
--   CREATE INDEX idx_post_metrics_time_based ON post_metrics (created_at DESC, post_id)
--     WHERE created_at > NOW() - INTERVAL '7 days';
--   CREATE INDEX idx_user_analytics_activity ON user_analytics (user_id, last_active)
--     WHERE last_active > NOW() - INTERVAL '30 days';
-- An index predicate may only use IMMUTABLE functions, and NOW() is not (ERROR: functions in
-- index predicate must be marked IMMUTABLE); a fixed date instead would make the index cover
-- an ever older window and need rebuilding forever. Their intent, recent metrics read fast, is
-- served another way:
-- - the dashboards never read post_metrics: they read analytics_daily (one row per channel and
--   day, index-only through its covering primary key) and the posts' totals;
-- - one post's recent metrics are a range of the primary key (post_id, captured_at);
-- - time-range scans across posts (a recomputation of the rollup, retention) use the BRIN index
--   on captured_at: rows arrive in time order, so a few pages of block ranges cover millions of rows.
-- Brisk has no user_analytics table (who is active is the sessions' business).
