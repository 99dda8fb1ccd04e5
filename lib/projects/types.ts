// Plain values shared by the server and the builder's client code (no zod, no Prisma).

export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
/** Roles a member can be given (there is one owner, the project's creator). */
export const MEMBER_ROLES = ['editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const ROLE_LABELS: Record<ProjectRole, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

/** What a role may do. */
export const canEdit = (role: ProjectRole | null | undefined) => role === 'owner' || role === 'editor';
export const canManageMembers = (role: ProjectRole | null | undefined) => role === 'owner';

/** The dashboard grid: 12 columns, rows of 4rem (lib/modules/manifest.ts, WidgetDefinition.size). */
export const GRID_COLUMNS = 12;
export const MAX_ROWS = 12;
/** Rows of the grid a 1280 × 720 window shows below the page's header: components starting above are rendered with the page. */
export const FOLD_ROWS = 7;
export const LIMITS = { projectsListed: 200, members: 200, dashboards: 100, components: 48 } as const;

/** The viewer of a public dashboard: a signed-out visitor, whom no module grants anything private. */
export const PUBLIC_VIEWER_ID = 'anonymous:public';

/** A project in its member's list. */
export interface ProjectSummary {
  id: string;
  name: string;
  role: ProjectRole;
  ownerName: string;
  memberCount: number;
  dashboardCount: number;
  updatedAt: string;
}

export interface ProjectMemberView {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  joinedAt: string;
}

export interface DashboardSummary {
  id: string;
  title: string;
  isPublic: boolean;
  componentCount: number;
  updatedAt: string;
}

/** A project as one of its members sees it. */
export interface ProjectDetail {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string;
  /** The viewer's role. */
  role: ProjectRole;
  createdAt: string;
  updatedAt: string;
  members: ProjectMemberView[];
  dashboards: DashboardSummary[];
}

/** A component as stored: its config is checked against its widget's schema when it is read. */
export interface ComponentRecord {
  id: string;
  type: string;
  config: unknown;
  position: number;
  width: number;
  height: number;
}

/** A dashboard and its components, as a member (role) or anyone (public page, role null) sees it. */
export interface DashboardView {
  id: string;
  title: string;
  isPublic: boolean;
  updatedAt: string;
  project: { id: string; name: string };
  role: ProjectRole | null;
  components: ComponentRecord[];
}

/** A widget of the registry as the builder offers it (plain data: it crosses to the browser). */
export interface WidgetCatalogEntry {
  type: string;
  module: string;
  title: string;
  description: string;
  defaultConfig: unknown;
  size: { w: number; h: number };
  /** The config's fields, for the configure form (from the zod schema's JSON Schema). */
  fields: ConfigField[];
}

/** One field of a widget's config form; `json` when the schema is richer than a form can say. */
export type ConfigField =
  | { name: string; label: string; kind: 'number'; min?: number; max?: number; integer: boolean; nullable: boolean }
  | { name: string; label: string; kind: 'text'; maxLength?: number; multiline: boolean; nullable: boolean; placeholder?: string }
  | { name: string; label: string; kind: 'choice'; options: { value: string; label: string }[]; nullable: boolean }
  | { name: string; label: string; kind: 'boolean' }
  | { name: string; label: string; kind: 'json' };

/** The signed-in user as the API's bootstrap and /auth/me answer it. */
export interface UserProfile {
  id: string;
  name: string;
  email: string;
  role: 'user' | 'admin';
  createdAt: string;
}

export interface ServerStatus {
  status: 'online';
  app: { name: string; version: string };
  database: { status: 'up'; version: string };
  modules: string[];
  checkedAt: string;
}
