-- CreateEnum
CREATE TYPE "project_role" AS ENUM ('owner', 'editor', 'viewer');

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "owner_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_members" (
    "project_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "project_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_members_pkey" PRIMARY KEY ("project_id","user_id")
);

-- CreateTable
CREATE TABLE "dashboards" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dashboards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dashboard_components" (
    "id" UUID NOT NULL,
    "dashboard_id" UUID NOT NULL,
    "type" VARCHAR(80) NOT NULL,
    "config" JSONB NOT NULL,
    "position" INTEGER NOT NULL,
    "width" SMALLINT NOT NULL,
    "height" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dashboard_components_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "projects_owner_id_idx" ON "projects"("owner_id");

-- CreateIndex
CREATE INDEX "project_members_user_id_project_id_idx" ON "project_members"("user_id", "project_id");

-- CreateIndex
CREATE INDEX "dashboards_project_id_updated_at_idx" ON "dashboards"("project_id", "updated_at" DESC);

-- CreateIndex
CREATE INDEX "dashboard_components_dashboard_id_position_idx" ON "dashboard_components"("dashboard_id", "position");

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_components" ADD CONSTRAINT "dashboard_components_dashboard_id_fkey" FOREIGN KEY ("dashboard_id") REFERENCES "dashboards"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Raw SQL (not expressible in the Prisma schema) ----------------------------------------

-- Sizes on the 12-column grid: 1–12 columns, 1–12 rows of 4rem.
ALTER TABLE "dashboard_components" ADD CONSTRAINT "dashboard_components_size_check" CHECK ("width" BETWEEN 1 AND 12 AND "height" BETWEEN 1 AND 12);

-- Widget types are `<module>.<widget>`.
ALTER TABLE "dashboard_components" ADD CONSTRAINT "dashboard_components_type_check" CHECK ("type" ~ '^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9-]*$');

-- A project has exactly one owner membership: the owner of record.
CREATE UNIQUE INDEX "project_members_one_owner_key" ON "project_members" ("project_id") WHERE "role" = 'owner';
