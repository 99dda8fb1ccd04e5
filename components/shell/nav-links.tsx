'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Suspense } from 'react';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: '/' | '/wishlists' | '/leads' | '/channels' | '/sponsors' | '/projects' | '/ops' | '/settings/tokens' | '/settings/account';
  label: string;
}

function NavLinkList({ items, pathname }: { items: NavItem[]; pathname?: string }) {
  return (
    <>
      {items.map((item) => {
        const active = pathname !== undefined && (item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`));
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn('rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap', active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          >
            {item.label}
          </Link>
        );
      })}
    </>
  );
}

function ActiveNavLinks({ items }: { items: NavItem[] }) {
  return <NavLinkList items={items} pathname={usePathname()} />;
}

/**
 * The navigation links, the current one highlighted. On dynamic routes the path is only known
 * at request time, so the prerendered shell shows the same links unhighlighted (same size).
 */
export function NavLinks({ items }: { items: NavItem[] }) {
  return (
    <Suspense fallback={<NavLinkList items={items} />}>
      <ActiveNavLinks items={items} />
    </Suspense>
  );
}
