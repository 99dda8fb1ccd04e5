import type { PrismaClient } from '@/lib/generated/prisma/client';
import { installedWidgets } from '@/lib/modules/registry';
import { demoDashboardId, demoProjectId } from '@/lib/projects/module';
import { LIMITS } from '@/lib/projects/types';
import type { DemoAccountId } from './demo-accounts';
import { HOUR_MS, stableUuid } from './shared';
import type { SeedContext } from './index';

type Role = 'owner' | 'editor' | 'viewer';

interface DemoComponent {
  type: string;
  config: unknown;
  width: number;
  height: number;
}

interface DemoDashboard {
  key: string;
  title: string;
  isPublic: boolean;
  /** The components, in order; built from the installed widgets (see demoComponents). */
  components: () => DemoComponent[];
}

interface DemoProject {
  key: string;
  name: string;
  members: [DemoAccountId, Role][];
  dashboards: DemoDashboard[];
}

const note = (title: string, text: string, width = 4, height = 3): DemoComponent => ({ type: 'projects.note', config: { title, text }, width, height });

/**
 * A dashboard of `count` components mixing every installed module's widgets: a note first, then
 * the other widgets taken in turn from each module (round robin, registry order), each with its
 * default config and size, again from the start when there are fewer widgets than places. The
 * registry decides what a demo dashboard shows: a module merged later adds its widgets here with
 * no change to this file.
 */
export function demoComponents(count: number, intro: DemoComponent): DemoComponent[] {
  const byModule = new Map<string, DemoComponent[]>();
  for (const { module, definition } of installedWidgets()) {
    if (definition.type === 'projects.note') continue;
    const list = byModule.get(module) ?? [];
    list.push({ type: definition.type, config: definition.defaultConfig, width: definition.size.w, height: definition.size.h });
    byModule.set(module, list);
  }
  const interleaved: DemoComponent[] = [];
  const lists = [...byModule.values()];
  for (let round = 0; lists.some((list) => round < list.length); round++) for (const list of lists) if (round < list.length) interleaved.push(list[round]!);
  const components = [intro];
  for (let i = 0; components.length < count && interleaved.length > 0; i++) components.push(interleaved[i % interleaved.length]!);
  while (components.length < count) components.push(note(`Note ${components.length}`, 'Install a module with widgets to see its data here.'));
  return components;
}

/** The demo projects, written out so that journeys and access tests know what to expect. */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    key: 'launch',
    name: 'Launch metrics',
    members: [
      ['usr_ada', 'owner'],
      ['usr_ben', 'editor'],
      ['usr_chloe', 'viewer'],
    ],
    dashboards: [
      {
        // The 12-component dashboard that mixes every module's widgets (the benchmark's and the budgets').
        key: 'launch-overview',
        title: 'Launch overview',
        isPublic: false,
        components: () => demoComponents(12, note('About this dashboard', 'Everything the launch team watches, from every product: leads, channels, sponsors and the circle’s events.')),
      },
      {
        // Public: readable signed out by its link (only what anyone may see).
        key: 'launch-highlights',
        title: 'Launch highlights',
        isPublic: true,
        components: () => [
          note('Launch highlights', 'What we share with everyone: no private data shows on a public dashboard.', 6, 3),
          ...demoComponents(4, note('How to read it', 'Each component shows only what a signed-out visitor may see.', 6, 3)),
        ],
      },
    ],
  },
  {
    key: 'household',
    name: 'Household',
    members: [
      ['usr_ben', 'owner'],
      ['usr_ada', 'viewer'],
    ],
    dashboards: [
      {
        key: 'household-plans',
        title: 'Plans',
        isPublic: false,
        components: () => [note('Shopping', 'Groceries on Saturday; the plant shop on Sunday.', 6, 3), ...demoComponents(3, note('Events', 'What is coming up.', 6, 3)).slice(1)],
      },
    ],
  },
];

/**
 * Seeds the demo projects (fixed ids; idempotent: a demo dashboard's components are replaced by
 * the list above, so re-seeding after a module is installed shows its widgets).
 */
export async function seedProjects(prisma: PrismaClient, { log, today }: SeedContext): Promise<void> {
  let components = 0;
  for (const [index, project] of DEMO_PROJECTS.entries()) {
    const projectId = demoProjectId(project.key);
    const owner = project.members.find(([, role]) => role === 'owner')![0];
    const createdAt = new Date(today.getTime() - (30 - index) * 24 * HOUR_MS);
    await prisma.project.upsert({
      where: { id: projectId },
      create: { id: projectId, name: project.name, ownerId: owner, createdAt, updatedAt: createdAt },
      update: { name: project.name, ownerId: owner },
    });
    for (const [userId, role] of project.members) {
      // Raw: Prisma's upsert picks the partial one-owner index for its ON CONFLICT.
      await prisma.$executeRaw`
        INSERT INTO project_members (project_id, user_id, role, created_at) VALUES (${projectId}::uuid, ${userId}, ${role}::project_role, ${createdAt})
        ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role`;
    }
    for (const [position, dashboard] of project.dashboards.entries()) {
      const dashboardId = demoDashboardId(dashboard.key);
      const updatedAt = new Date(today.getTime() - (position + 1) * HOUR_MS);
      await prisma.dashboard.upsert({
        where: { id: dashboardId },
        create: { id: dashboardId, projectId, title: dashboard.title, isPublic: dashboard.isPublic, createdAt, updatedAt },
        update: { title: dashboard.title, isPublic: dashboard.isPublic, updatedAt },
      });
      const list = dashboard.components().slice(0, LIMITS.components);
      await prisma.dashboardComponent.deleteMany({ where: { dashboardId } });
      await prisma.dashboardComponent.createMany({
        data: list.map((component, order) => ({
          id: stableUuid(`component:${dashboard.key}:${order}`),
          dashboardId,
          type: component.type,
          config: component.config as object,
          position: order + 1,
          width: component.width,
          height: component.height,
          createdAt,
        })),
      });
      components += list.length;
    }
  }
  log(`projects: ${DEMO_PROJECTS.length} demo projects, ${components} dashboard components`);
}
