import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export default function PublicDashboardNotFound() {
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center gap-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">This dashboard is not shared</h1>
      <p className="max-w-md text-slate-600">It does not exist, or its project no longer shares it with everyone.</p>
      <Link href="/sign-in" className={buttonClass('secondary')}>
        Sign in
      </Link>
    </div>
  );
}
