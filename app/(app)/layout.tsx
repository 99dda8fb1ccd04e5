import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { PRODUCT_NAV } from '@/components/shell/modules';
import { NavLinks } from '@/components/shell/nav-links';
import { UserMenu, UserMenuSkeleton } from '@/components/shell/user-menu';
import { signOutAction } from '../(auth)/actions';

// The shell is static and prerendered; only the user menu waits for the session.
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Brisk
          </Link>
          <nav aria-label="Main" className="flex flex-1 items-center gap-1 overflow-x-auto">
            <NavLinks items={PRODUCT_NAV} />
          </nav>
          <Suspense fallback={<UserMenuSkeleton />}>
            <UserMenu signOut={signOutAction} />
          </Suspense>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
