import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getProjectList } from '@/lib/projects/queries';
import { ROLE_LABELS } from '@/lib/projects/types';

const CARD = 'flex h-28 flex-col justify-between rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const GRID = 'grid gap-4 sm:grid-cols-2 lg:grid-cols-3';

/** The viewer's projects (one cached read). */
export async function ProjectList() {
  const viewer = await requireViewer();
  const projects = await getProjectList(viewer.id);
  if (projects.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No projects yet: create one below, or ask a colleague to invite you to theirs.</p>;
  }
  return (
    <ul className={GRID}>
      {projects.map((project) => (
        <li key={project.id} className={CARD}>
          <div className="flex items-start justify-between gap-2">
            <Link href={`/projects/${project.id}`} className="line-clamp-1 text-base font-semibold text-slate-900 hover:underline">
              {project.name}
            </Link>
            <Badge tone={project.role === 'owner' ? 'brand' : 'neutral'}>{ROLE_LABELS[project.role]}</Badge>
          </div>
          <p className="text-sm text-slate-600">
            {project.role === 'owner' ? 'Yours' : `${project.ownerName}’s`} · {project.dashboardCount} {project.dashboardCount === 1 ? 'dashboard' : 'dashboards'} · {project.memberCount}{' '}
            {project.memberCount === 1 ? 'member' : 'members'}
          </p>
          <p className="text-xs text-slate-600">Changed {formatDate(project.updatedAt)}</p>
        </li>
      ))}
    </ul>
  );
}

export function ProjectListSkeleton() {
  return (
    <div className={GRID}>
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className={CARD} aria-hidden="true">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-3 w-24" />
        </div>
      ))}
    </div>
  );
}
