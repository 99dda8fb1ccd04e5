import type { ReactNode } from 'react';

// Top-aligned, not centred: a line that wraps differently once the web font arrives (the fallback
// face is wider where Arial is missing) would otherwise move the whole form (layout shift).
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-16 pb-12 sm:pt-24">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-bold tracking-tight text-brand-700">Brisk</p>
        {children}
      </div>
    </main>
  );
}
