import { signOutAction } from '@/app/(auth)/actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { NavLinks } from './nav-links';
import { ACCOUNT_NAV_ITEM, OPS_NAV_ITEM, TOKENS_NAV_ITEM } from './modules';

/** The signed-in part of the header: streamed, since it depends on who is looking. */
export async function UserMenu() {
  const viewer = await requireViewer();
  return (
    <div className="flex h-10 items-center gap-3">
      <NavLinks items={viewer.role === 'admin' ? [OPS_NAV_ITEM, TOKENS_NAV_ITEM, ACCOUNT_NAV_ITEM] : [TOKENS_NAV_ITEM, ACCOUNT_NAV_ITEM]} />
      <span className="hidden text-sm text-slate-700 sm:inline" data-testid="viewer-name">
        {viewer.name}
      </span>
      {viewer.role === 'admin' && <Badge tone="brand">admin</Badge>}
      <form action={signOutAction}>
        <Button type="submit" variant="secondary" className="h-9">
          Sign out
        </Button>
      </form>
    </div>
  );
}

export function UserMenuSkeleton() {
  return (
    <div className="flex h-10 items-center gap-3">
      <Skeleton className="h-9 w-[6.25rem]" />
      <Skeleton className="h-9 w-[5rem]" />
      <Skeleton className="hidden h-4 w-24 sm:block" />
      <Skeleton className="h-9 w-[5.5rem]" />
    </div>
  );
}
