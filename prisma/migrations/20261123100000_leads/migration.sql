-- Leads (plan 001): keywords, mentions, leads, feed sources and their logs; counter caches on
-- keywords and users, and the analytics' rollups, all kept by triggers.

-- CreateEnum
CREATE TYPE "lead_status" AS ENUM ('new', 'qualified', 'converted', 'lost');

-- CreateEnum
CREATE TYPE "integration_status" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "feed_format" AS ENUM ('rss', 'atom', 'rdf', 'json');

-- CreateEnum
CREATE TYPE "search_state" AS ENUM ('idle', 'queued', 'running');

-- CreateEnum
CREATE TYPE "log_level" AS ENUM ('info', 'warn', 'error');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "keywords_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leads_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mentions_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "keywords" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "text" VARCHAR(80) NOT NULL,
    "mentions_count" INTEGER NOT NULL DEFAULT 0,
    "leads_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "keywords_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentions" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "keyword_id" UUID NOT NULL,
    "integration_id" UUID,
    "source" VARCHAR(120) NOT NULL,
    "author" VARCHAR(120),
    "title" VARCHAR(300) NOT NULL,
    "content" VARCHAR(2000) NOT NULL,
    "url" VARCHAR(2048),
    "item_key" CHAR(64) NOT NULL,
    "score" INTEGER NOT NULL DEFAULT 0,
    "score_reasons" JSONB NOT NULL DEFAULT '[]',
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "mention_id" UUID NOT NULL,
    "keyword_id" UUID NOT NULL,
    "status" "lead_status" NOT NULL DEFAULT 'new',
    "score" INTEGER NOT NULL,
    "score_reasons" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "status_changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integrations" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "feed_url" VARCHAR(2048) NOT NULL,
    "provider" "feed_format",
    "status" "integration_status" NOT NULL DEFAULT 'active',
    "health_score" INTEGER NOT NULL DEFAULT 100,
    "recent_runs" VARCHAR(10) NOT NULL DEFAULT '',
    "last_searched_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(500),
    "search_state" "search_state" NOT NULL DEFAULT 'idle',
    "search_progress" VARCHAR(120),
    "search_requested_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integration_logs" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "level" "log_level" NOT NULL,
    "message" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "integration_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_settings" (
    "owner_id" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 60,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_settings_pkey" PRIMARY KEY ("owner_id")
);

-- CreateTable
CREATE TABLE "lead_status_counts" (
    "owner_id" TEXT NOT NULL,
    "status" "lead_status" NOT NULL,
    "leads" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lead_status_counts_pkey" PRIMARY KEY ("owner_id","status")
);

-- CreateTable
CREATE TABLE "lead_daily_counts" (
    "owner_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "leads" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lead_daily_counts_pkey" PRIMARY KEY ("owner_id","day")
);

-- CreateTable
CREATE TABLE "lead_counter_audits" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "checked" INTEGER NOT NULL,
    "drifted" INTEGER NOT NULL,
    "samples" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "lead_counter_audits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "keywords_owner_id_key" ON "keywords"("owner_id", "id");

-- CreateIndex
CREATE INDEX "mentions_owner_published_idx" ON "mentions"("owner_id", "published_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "mentions_keyword_published_idx" ON "mentions"("keyword_id", "published_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "mentions_integration_published_idx" ON "mentions"("integration_id", "published_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "mentions_owner_item_key" ON "mentions"("owner_id", "item_key");

-- CreateIndex
CREATE UNIQUE INDEX "mentions_id_keyword_owner_key" ON "mentions"("id", "keyword_id", "owner_id");

-- CreateIndex
CREATE INDEX "leads_owner_created_idx" ON "leads"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_owner_status_created_idx" ON "leads"("owner_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "leads_mention_key" ON "leads"("mention_id");

-- CreateIndex
CREATE INDEX "integrations_status_searched_idx" ON "integrations"("status", "last_searched_at");

-- CreateIndex
CREATE UNIQUE INDEX "integrations_owner_feed_key" ON "integrations"("owner_id", "feed_url");

-- CreateIndex
CREATE INDEX "integration_logs_integration_created_idx" ON "integration_logs"("integration_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "lead_counter_audits_finished_idx" ON "lead_counter_audits"("finished_at" DESC);

-- AddForeignKey
ALTER TABLE "keywords" ADD CONSTRAINT "keywords_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_owner_id_keyword_id_fkey" FOREIGN KEY ("owner_id", "keyword_id") REFERENCES "keywords"("owner_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_mention_id_keyword_id_owner_id_fkey" FOREIGN KEY ("mention_id", "keyword_id", "owner_id") REFERENCES "mentions"("id", "keyword_id", "owner_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integration_logs" ADD CONSTRAINT "integration_logs_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_settings" ADD CONSTRAINT "lead_settings_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_status_counts" ADD CONSTRAINT "lead_status_counts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_daily_counts" ADD CONSTRAINT "lead_daily_counts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Raw SQL (not expressible in the Prisma schema) ----------------------------------------

-- One keyword per text and owner, whatever the case; also the keyword list's order.
CREATE UNIQUE INDEX "keywords_owner_text_key" ON "keywords" ("owner_id", lower("text"));

ALTER TABLE "keywords" ADD CONSTRAINT "keywords_text_check" CHECK (length(btrim("text")) > 0);
ALTER TABLE "leads" ADD CONSTRAINT "leads_score_check" CHECK ("score" BETWEEN 0 AND 100);
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_score_check" CHECK ("score" BETWEEN 0 AND 100);
ALTER TABLE "lead_settings" ADD CONSTRAINT "lead_settings_threshold_check" CHECK ("threshold" BETWEEN 0 AND 100);
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_health_check" CHECK ("health_score" BETWEEN 0 AND 100 AND "recent_runs" ~ '^[SF]*$');
-- A counter below zero is drift: the write that would cause it fails instead.
ALTER TABLE "keywords" ADD CONSTRAINT "keywords_counters_check" CHECK ("mentions_count" >= 0 AND "leads_count" >= 0);
ALTER TABLE "users" ADD CONSTRAINT "users_lead_counters_check" CHECK ("keywords_count" >= 0 AND "mentions_count" >= 0 AND "leads_count" >= 0);
ALTER TABLE "lead_status_counts" ADD CONSTRAINT "lead_status_counts_check" CHECK ("leads" >= 0);
ALTER TABLE "lead_daily_counts" ADD CONSTRAINT "lead_daily_counts_check" CHECK ("leads" >= 0);

-- Counter caches -------------------------------------------------------------------------
--
-- Kept by statement-level AFTER triggers with transition tables, in the transaction of the write
-- whatever made it (a mutation, the search job, a cascade from a deleted keyword or user, a
-- bulk seed): one UPDATE per statement, never a recount. Every bump locks its rows in one
-- order (keywords by id, then users by id, then the rollups by key), so concurrent writers
-- queue instead of deadlocking. A lead carries its mention's keyword (the composite key with
-- ON UPDATE CASCADE), so a mention that moves keyword moves its lead too, and the leads
-- trigger moves the keyword's lead count: each counter follows one table.

CREATE FUNCTION "leads_bump_keywords"(ids uuid[], mention_deltas integer[], lead_deltas integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "keywords" WHERE "id" = ANY (ids) ORDER BY "id" FOR NO KEY UPDATE;
  UPDATE "keywords" k
  SET "mentions_count" = k."mentions_count" + d.m, "leads_count" = k."leads_count" + d.l
  FROM unnest(ids, mention_deltas, lead_deltas) AS d(id, m, l)
  WHERE k."id" = d.id AND (d.m <> 0 OR d.l <> 0);
END $$;

CREATE FUNCTION "leads_bump_users"(ids text[], keyword_deltas integer[], mention_deltas integer[], lead_deltas integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "users" WHERE "id" = ANY (ids) ORDER BY "id" FOR NO KEY UPDATE;
  UPDATE "users" u
  SET "keywords_count" = u."keywords_count" + d.k, "mentions_count" = u."mentions_count" + d.m, "leads_count" = u."leads_count" + d.l
  FROM unnest(ids, keyword_deltas, mention_deltas, lead_deltas) AS d(id, k, m, l)
  WHERE u."id" = d.id AND (d.k <> 0 OR d.m <> 0 OR d.l <> 0);
END $$;

-- Signed rows (+1 new, −1 old) of keywords: users.keywords_count.
CREATE FUNCTION "leads_keywords_counted"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owners text[];
  deltas integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(owner_id ORDER BY owner_id), array_agg(n ORDER BY owner_id) INTO owners, deltas
    FROM (SELECT "owner_id" AS owner_id, count(*)::int AS n FROM new_rows GROUP BY 1) d;
  ELSE
    SELECT array_agg(owner_id ORDER BY owner_id), array_agg(n ORDER BY owner_id) INTO owners, deltas
    FROM (SELECT "owner_id" AS owner_id, -count(*)::int AS n FROM old_rows GROUP BY 1) d;
  END IF;
  IF owners IS NOT NULL THEN
    PERFORM "leads_bump_users"(owners, deltas, array_fill(0, ARRAY[cardinality(owners)]), array_fill(0, ARRAY[cardinality(owners)]));
  END IF;
  RETURN NULL;
END $$;

-- A keyword's owner never changes (its counters live on that owner).
CREATE FUNCTION "leads_keyword_owner_fixed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a keyword cannot change owner';
END $$;

-- Signed mentions: keywords.mentions_count and users.mentions_count.
CREATE FUNCTION "leads_mentions_apply"(keyword_ids uuid[], owner_ids text[], signs integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  keywords uuid[];
  keyword_deltas integer[];
  owners text[];
  owner_deltas integer[];
BEGIN
  SELECT array_agg(id ORDER BY id), array_agg(n ORDER BY id) INTO keywords, keyword_deltas
  FROM (SELECT id, sum(s)::int AS n FROM unnest(keyword_ids, signs) AS x(id, s) GROUP BY id HAVING sum(s) <> 0) d;
  IF keywords IS NOT NULL THEN
    PERFORM "leads_bump_keywords"(keywords, keyword_deltas, array_fill(0, ARRAY[cardinality(keywords)]));
  END IF;
  SELECT array_agg(id ORDER BY id), array_agg(n ORDER BY id) INTO owners, owner_deltas
  FROM (SELECT id, sum(s)::int AS n FROM unnest(owner_ids, signs) AS x(id, s) GROUP BY id HAVING sum(s) <> 0) d;
  IF owners IS NOT NULL THEN
    PERFORM "leads_bump_users"(owners, array_fill(0, ARRAY[cardinality(owners)]), owner_deltas, array_fill(0, ARRAY[cardinality(owners)]));
  END IF;
END $$;

CREATE FUNCTION "leads_mentions_counted"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  keyword_ids uuid[];
  owner_ids text[];
  signs integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("keyword_id"), array_agg("owner_id"), array_agg(1) INTO keyword_ids, owner_ids, signs FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("keyword_id"), array_agg("owner_id"), array_agg(-1) INTO keyword_ids, owner_ids, signs FROM old_rows;
  ELSE
    SELECT array_agg(keyword_id), array_agg(owner_id), array_agg(sign) INTO keyword_ids, owner_ids, signs
    FROM (SELECT "keyword_id" AS keyword_id, "owner_id" AS owner_id, 1 AS sign FROM new_rows
          UNION ALL SELECT "keyword_id", "owner_id", -1 FROM old_rows) x;
  END IF;
  IF keyword_ids IS NOT NULL THEN
    PERFORM "leads_mentions_apply"(keyword_ids, owner_ids, signs);
  END IF;
  RETURN NULL;
END $$;

-- Adds signed deltas to a rollup keyed by (owner_id, status) or (owner_id, day): the existing rows
-- locked in key order and updated, the missing ones inserted (ON CONFLICT: a concurrent first
-- insert is added to). A negative delta for a missing row would be drift, left to the counter
-- audit; the rows of an owner being deleted are left alone (they go with the owner).
CREATE FUNCTION "leads_bump_status_counts"(owner_ids text[], keys "lead_status"[], signs integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  owners text[];
  ks "lead_status"[];
  deltas integer[];
BEGIN
  SELECT array_agg(o ORDER BY o, k), array_agg(k ORDER BY o, k), array_agg(n ORDER BY o, k) INTO owners, ks, deltas
  FROM (SELECT x.o, x.k, sum(x.s)::int AS n FROM unnest(owner_ids, keys, signs) AS x(o, k, s) GROUP BY 1, 2 HAVING sum(x.s) <> 0) d;
  IF owners IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "lead_status_counts" c JOIN unnest(owners, ks) AS x(o, k) ON c."owner_id" = x.o AND c."status" = x.k
  ORDER BY c."owner_id", c."status" FOR NO KEY UPDATE OF c;
  UPDATE "lead_status_counts" c SET "leads" = c."leads" + x.n
  FROM unnest(owners, ks, deltas) AS x(o, k, n) WHERE c."owner_id" = x.o AND c."status" = x.k;
  INSERT INTO "lead_status_counts" AS c ("owner_id", "status", "leads")
  SELECT x.o, x.k, x.n FROM unnest(owners, ks, deltas) AS x(o, k, n) JOIN "users" u ON u."id" = x.o
  WHERE x.n > 0 AND NOT EXISTS (SELECT 1 FROM "lead_status_counts" e WHERE e."owner_id" = x.o AND e."status" = x.k)
  ORDER BY x.o, x.k
  ON CONFLICT ("owner_id", "status") DO UPDATE SET "leads" = c."leads" + excluded."leads";
END $$;

CREATE FUNCTION "leads_bump_daily_counts"(owner_ids text[], keys date[], signs integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  owners text[];
  ks date[];
  deltas integer[];
BEGIN
  SELECT array_agg(o ORDER BY o, k), array_agg(k ORDER BY o, k), array_agg(n ORDER BY o, k) INTO owners, ks, deltas
  FROM (SELECT x.o, x.k, sum(x.s)::int AS n FROM unnest(owner_ids, keys, signs) AS x(o, k, s) GROUP BY 1, 2 HAVING sum(x.s) <> 0) d;
  IF owners IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "lead_daily_counts" c JOIN unnest(owners, ks) AS x(o, k) ON c."owner_id" = x.o AND c."day" = x.k
  ORDER BY c."owner_id", c."day" FOR NO KEY UPDATE OF c;
  UPDATE "lead_daily_counts" c SET "leads" = c."leads" + x.n
  FROM unnest(owners, ks, deltas) AS x(o, k, n) WHERE c."owner_id" = x.o AND c."day" = x.k;
  INSERT INTO "lead_daily_counts" AS c ("owner_id", "day", "leads")
  SELECT x.o, x.k, x.n FROM unnest(owners, ks, deltas) AS x(o, k, n) JOIN "users" u ON u."id" = x.o
  WHERE x.n > 0 AND NOT EXISTS (SELECT 1 FROM "lead_daily_counts" e WHERE e."owner_id" = x.o AND e."day" = x.k)
  ORDER BY x.o, x.k
  ON CONFLICT ("owner_id", "day") DO UPDATE SET "leads" = c."leads" + excluded."leads";
END $$;

-- Signed leads: keywords.leads_count, users.leads_count, lead_status_counts, lead_daily_counts.
CREATE FUNCTION "leads_leads_apply"(keyword_ids uuid[], owner_ids text[], statuses "lead_status"[], days date[], signs integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  keywords uuid[];
  keyword_deltas integer[];
  owners text[];
  owner_deltas integer[];
BEGIN
  SELECT array_agg(id ORDER BY id), array_agg(n ORDER BY id) INTO keywords, keyword_deltas
  FROM (SELECT id, sum(s)::int AS n FROM unnest(keyword_ids, signs) AS x(id, s) GROUP BY id HAVING sum(s) <> 0) d;
  IF keywords IS NOT NULL THEN
    PERFORM "leads_bump_keywords"(keywords, array_fill(0, ARRAY[cardinality(keywords)]), keyword_deltas);
  END IF;
  SELECT array_agg(id ORDER BY id), array_agg(n ORDER BY id) INTO owners, owner_deltas
  FROM (SELECT id, sum(s)::int AS n FROM unnest(owner_ids, signs) AS x(id, s) GROUP BY id HAVING sum(s) <> 0) d;
  IF owners IS NOT NULL THEN
    PERFORM "leads_bump_users"(owners, array_fill(0, ARRAY[cardinality(owners)]), array_fill(0, ARRAY[cardinality(owners)]), owner_deltas);
  END IF;
  PERFORM "leads_bump_status_counts"(owner_ids, statuses, signs);
  PERFORM "leads_bump_daily_counts"(owner_ids, days, signs);
END $$;

CREATE FUNCTION "leads_leads_counted"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  keyword_ids uuid[];
  owner_ids text[];
  statuses "lead_status"[];
  days date[];
  signs integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("keyword_id"), array_agg("owner_id"), array_agg("status"), array_agg(("created_at" AT TIME ZONE 'UTC')::date), array_agg(1)
    INTO keyword_ids, owner_ids, statuses, days, signs FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("keyword_id"), array_agg("owner_id"), array_agg("status"), array_agg(("created_at" AT TIME ZONE 'UTC')::date), array_agg(-1)
    INTO keyword_ids, owner_ids, statuses, days, signs FROM old_rows;
  ELSE
    SELECT array_agg(keyword_id), array_agg(owner_id), array_agg(status), array_agg(day), array_agg(sign)
    INTO keyword_ids, owner_ids, statuses, days, signs
    FROM (SELECT "keyword_id" AS keyword_id, "owner_id" AS owner_id, "status" AS status, ("created_at" AT TIME ZONE 'UTC')::date AS day, 1 AS sign FROM new_rows
          UNION ALL SELECT "keyword_id", "owner_id", "status", ("created_at" AT TIME ZONE 'UTC')::date, -1 FROM old_rows) x;
  END IF;
  IF keyword_ids IS NOT NULL THEN
    PERFORM "leads_leads_apply"(keyword_ids, owner_ids, statuses, days, signs);
  END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger: three triggers per table.
CREATE TRIGGER "keywords_counted_insert" AFTER INSERT ON "keywords" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_keywords_counted"();
CREATE TRIGGER "keywords_counted_delete" AFTER DELETE ON "keywords" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_keywords_counted"();
CREATE TRIGGER "keywords_owner_fixed" BEFORE UPDATE OF "owner_id" ON "keywords" FOR EACH ROW WHEN (OLD."owner_id" IS DISTINCT FROM NEW."owner_id") EXECUTE FUNCTION "leads_keyword_owner_fixed"();
CREATE TRIGGER "mentions_counted_insert" AFTER INSERT ON "mentions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_mentions_counted"();
CREATE TRIGGER "mentions_counted_delete" AFTER DELETE ON "mentions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_mentions_counted"();
CREATE TRIGGER "mentions_counted_update" AFTER UPDATE ON "mentions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_mentions_counted"();
CREATE TRIGGER "leads_counted_insert" AFTER INSERT ON "leads" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_leads_counted"();
CREATE TRIGGER "leads_counted_delete" AFTER DELETE ON "leads" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_leads_counted"();
CREATE TRIGGER "leads_counted_update" AFTER UPDATE ON "leads" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads_leads_counted"();
