'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: '/' | '/wishlists' | '/leads' | '/channels' | '/sponsors' | '/projects' | '/ops';
  label: string;
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <>
      {items.map((item) => {
        const active = item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap',
              active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </>
  );
}
