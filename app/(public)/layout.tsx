import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The light layout of pages anyone may open, signed out included (public wishlists): no
 * navigation of the app, no session read, nothing per visitor, so these pages can be entirely
 * static and served from Next's rendered-output cache.
 */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-4xl items-center gap-4 px-4">
          <Link href="/public/wishlists" className="text-lg font-bold tracking-tight text-brand-700">
            Brisk
          </Link>
          <nav aria-label="Public" className="flex flex-1 items-center gap-1 text-sm">
            <Link href="/public/wishlists" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              Public wishlists
            </Link>
          </nav>
          <Link href="/sign-in" className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100">
            Sign in
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <p className="mx-auto max-w-4xl px-4 py-4 text-xs text-slate-600">Brisk wishlists · gifts stay a surprise: who gives what is only shown to the owner’s friends.</p>
      </footer>
    </div>
  );
}
