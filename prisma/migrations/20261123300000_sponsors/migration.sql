-- Sponsors (plan 003, ZiraAI). The tables and indexes the Prisma schema states, then (under
-- "Raw SQL") what it cannot: plant_analyses and analysis_messages are partitioned by month, the
-- analytics read covering indexes, and sponsors_ensure_partitions() makes the monthly partitions.
-- No GIN index on the JSON documents: nothing searches inside them (plan 003 phase 2 dropped
-- 30-35 such indexes as unused), and each would cost every insert.

-- CreateEnum
CREATE TYPE "sponsor_member_role" AS ENUM ('owner', 'manager', 'analyst');

-- CreateEnum
CREATE TYPE "subscription_tier" AS ENUM ('trial', 'small', 'medium', 'large', 'xlarge');

-- CreateEnum
CREATE TYPE "analysis_status" AS ENUM ('pending', 'processing', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "message_sender_role" AS ENUM ('farmer', 'sponsor');

-- CreateTable
CREATE TABLE "sponsors" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "code_prefix" VARCHAR(4) NOT NULL,
    "country" CHAR(2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sponsors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sponsor_members" (
    "sponsor_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "sponsor_member_role" NOT NULL DEFAULT 'analyst',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sponsor_members_pkey" PRIMARY KEY ("sponsor_id","user_id")
);

-- CreateTable
CREATE TABLE "dealers" (
    "id" UUID NOT NULL,
    "sponsor_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "region" VARCHAR(80),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dealers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sponsorship_codes" (
    "id" UUID NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "sponsor_id" UUID NOT NULL,
    "dealer_id" UUID,
    "tier" "subscription_tier" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "distributed_at" TIMESTAMPTZ(3),
    "redeemed_at" TIMESTAMPTZ(3),
    "redeemed_by_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sponsorship_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plant_analyses" (
    "id" UUID NOT NULL,
    "analysis_date" TIMESTAMPTZ(3) NOT NULL,
    "farmer_id" TEXT NOT NULL,
    "sponsor_id" UUID,
    "dealer_id" UUID,
    "status" "analysis_status" NOT NULL DEFAULT 'pending',
    "crop_type" VARCHAR(60) NOT NULL,
    "overall_health_score" SMALLINT,
    "image_url" VARCHAR(2048),
    "location" VARCHAR(120),
    "detailed_analysis" JSONB,
    "health_assessment" JSONB,
    "nutrient_status" JSONB,
    "pest_disease" JSONB,
    "environmental_stress" JSONB,
    "recommendations" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plant_analyses_pkey" PRIMARY KEY ("id","analysis_date")
) PARTITION BY RANGE ("analysis_date");

-- CreateTable
CREATE TABLE "analysis_messages" (
    "id" UUID NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "analysis_id" UUID NOT NULL,
    "analysis_date" TIMESTAMPTZ(3) NOT NULL,
    "sponsor_id" UUID NOT NULL,
    "from_user_id" TEXT NOT NULL,
    "to_user_id" TEXT NOT NULL,
    "sender_role" "message_sender_role" NOT NULL,
    "body" VARCHAR(2000) NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "analysis_messages_pkey" PRIMARY KEY ("id","sent_at")
) PARTITION BY RANGE ("sent_at");

-- CreateTable
CREATE TABLE "user_subscriptions" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "tier" "subscription_tier" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "start_date" TIMESTAMPTZ(3) NOT NULL,
    "end_date" TIMESTAMPTZ(3) NOT NULL,
    "sponsor_id" UUID,
    "sponsorship_code_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sponsor_members_user_idx" ON "sponsor_members"("user_id");

-- CreateIndex
CREATE INDEX "dealers_user_idx" ON "dealers"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "dealers_sponsor_user_key" ON "dealers"("sponsor_id", "user_id");

-- CreateIndex
CREATE INDEX "sponsorship_codes_sponsor_created_idx" ON "sponsorship_codes"("sponsor_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "sponsorship_codes_dealer_created_idx" ON "sponsorship_codes"("dealer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "sponsorship_codes_unsent_idx" ON "sponsorship_codes"("sponsor_id", "dealer_id", "created_at", "id") WHERE (distributed_at IS NULL AND redeemed_at IS NULL);

-- CreateIndex
CREATE INDEX "sponsorship_codes_redeemed_by_idx" ON "sponsorship_codes"("redeemed_by_id") WHERE (redeemed_by_id IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "sponsorship_codes_code_key" ON "sponsorship_codes"("code");

-- CreateIndex
CREATE INDEX "plant_analyses_farmer_date_idx" ON "plant_analyses"("farmer_id", "analysis_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "analysis_messages_to_sent_idx" ON "analysis_messages"("to_user_id", "sent_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "analysis_messages_from_sent_idx" ON "analysis_messages"("from_user_id", "sent_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "analysis_messages_unread_idx" ON "analysis_messages"("to_user_id") WHERE (read_at IS NULL);

-- CreateIndex
CREATE INDEX "analysis_messages_analysis_idx" ON "analysis_messages"("analysis_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "user_subscriptions_code_key" ON "user_subscriptions"("sponsorship_code_id");

-- CreateIndex
CREATE INDEX "user_subscriptions_active_idx" ON "user_subscriptions"("user_id", "end_date" DESC) WHERE (active);

-- AddForeignKey
ALTER TABLE "sponsor_members" ADD CONSTRAINT "sponsor_members_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsor_members" ADD CONSTRAINT "sponsor_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsorship_codes" ADD CONSTRAINT "sponsorship_codes_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsorship_codes" ADD CONSTRAINT "sponsorship_codes_dealer_id_fkey" FOREIGN KEY ("dealer_id") REFERENCES "dealers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsorship_codes" ADD CONSTRAINT "sponsorship_codes_redeemed_by_id_fkey" FOREIGN KEY ("redeemed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plant_analyses" ADD CONSTRAINT "plant_analyses_farmer_id_fkey" FOREIGN KEY ("farmer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plant_analyses" ADD CONSTRAINT "plant_analyses_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plant_analyses" ADD CONSTRAINT "plant_analyses_dealer_id_fkey" FOREIGN KEY ("dealer_id") REFERENCES "dealers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_messages" ADD CONSTRAINT "analysis_messages_analysis_id_analysis_date_fkey" FOREIGN KEY ("analysis_id", "analysis_date") REFERENCES "plant_analyses"("id", "analysis_date") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_messages" ADD CONSTRAINT "analysis_messages_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_messages" ADD CONSTRAINT "analysis_messages_from_user_id_fkey" FOREIGN KEY ("from_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_messages" ADD CONSTRAINT "analysis_messages_to_user_id_fkey" FOREIGN KEY ("to_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_subscriptions" ADD CONSTRAINT "user_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_subscriptions" ADD CONSTRAINT "user_subscriptions_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "sponsors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_subscriptions" ADD CONSTRAINT "user_subscriptions_sponsorship_code_id_fkey" FOREIGN KEY ("sponsorship_code_id") REFERENCES "sponsorship_codes"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Raw SQL (not expressible in the Prisma schema) ----------------------------------------

-- plant_analyses and analysis_messages are PARTITIONED BY RANGE (above: the schema language
-- has no word for it), one partition per calendar month in UTC, named <table>_pYYYY_MM. A query
-- with a date range reads only the months it covers (partition pruning). There is no DEFAULT
-- partition: a row it held would make creating its month's partition fail later, and writes
-- outside the prepared months create theirs on demand instead (lib/sponsors/partitions.ts).
-- Indexes and foreign keys declared on the parent apply to every partition, present and future.

-- The monthly partitions of both tables from the month of p_from to the month of p_to, those
-- missing only; returns how many tables it created. Idempotent and safe to call concurrently
-- (one caller at a time, by an advisory lock held until the caller's transaction ends). Called by
-- this migration, the monthly job sponsors/create-partitions, the seed, and a write that finds
-- no partition for its date.
CREATE FUNCTION "sponsors_ensure_partitions"(p_from timestamptz, p_to timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', p_from AT TIME ZONE 'UTC');
  last_month timestamp := date_trunc('month', p_to AT TIME ZONE 'UTC');
  parent text;
  partition_name text;
  created integer := 0;
BEGIN
  IF last_month < month_start THEN
    RETURN 0;
  END IF;
  IF last_month > month_start + interval '600 months' THEN
    RAISE EXCEPTION 'sponsors_ensure_partitions: % to % is more than 50 years of partitions', p_from, p_to;
  END IF;
  PERFORM pg_advisory_xact_lock(3003001);
  WHILE month_start <= last_month LOOP
    FOREACH parent IN ARRAY ARRAY['plant_analyses', 'analysis_messages'] LOOP
      partition_name := format('%s_p%s', parent, to_char(month_start, 'YYYY_MM'));
      IF to_regclass(format('%I', partition_name)) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
          partition_name, parent, month_start AT TIME ZONE 'UTC', (month_start + interval '1 month') AT TIME ZONE 'UTC');
        created := created + 1;
      END IF;
    END LOOP;
    month_start := month_start + interval '1 month';
  END LOOP;
  RETURN created;
END;
$$;

-- A fresh database takes writes at once: this month and the next three (the job keeps it so).
SELECT "sponsors_ensure_partitions"(now(), now() + interval '3 months');

-- The sponsor's analytics and its analyses list read this index alone (an index-only scan of the
-- months in range): analyses per day/week/month, per dealer, per crop, average health.
CREATE INDEX "plant_analyses_sponsor_date_idx" ON "plant_analyses" ("sponsor_id", "analysis_date" DESC, "id" DESC)
  INCLUDE ("dealer_id", "farmer_id", "status", "crop_type", "overall_health_score") WHERE "sponsor_id" IS NOT NULL;

-- Messaging analytics: messages per bucket and sender, response rate and time, from the index alone.
CREATE INDEX "analysis_messages_sponsor_sent_idx" ON "analysis_messages" ("sponsor_id", "sent_at")
  INCLUDE ("analysis_id", "sender_role");

-- Codes distributed and codes redeemed in a range, per dealer and tier, from the index alone.
CREATE INDEX "sponsorship_codes_distributed_idx" ON "sponsorship_codes" ("sponsor_id", "distributed_at")
  INCLUDE ("dealer_id", "tier") WHERE "distributed_at" IS NOT NULL;
CREATE INDEX "sponsorship_codes_redeemed_idx" ON "sponsorship_codes" ("sponsor_id", "redeemed_at")
  INCLUDE ("dealer_id", "tier") WHERE "redeemed_at" IS NOT NULL;

-- Codes are upper-case letters, digits and dashes (the redemption form normalises what is typed).
ALTER TABLE "sponsorship_codes" ADD CONSTRAINT "sponsorship_codes_code_check" CHECK ("code" ~ '^[A-Z0-9-]{6,20}$');
-- A health score is a percentage.
ALTER TABLE "plant_analyses" ADD CONSTRAINT "plant_analyses_health_score_check" CHECK ("overall_health_score" BETWEEN 0 AND 100);
-- A subscription ends after it starts.
ALTER TABLE "user_subscriptions" ADD CONSTRAINT "user_subscriptions_dates_check" CHECK ("end_date" > "start_date");
