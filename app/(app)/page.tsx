import type { Metadata } from 'next';
import Link from 'next/link';
import { Welcome, WelcomeSkeleton } from '@/components/home/welcome';
import { PRODUCT_NAV } from '@/components/shell/modules';
import { WidgetFrame } from '@/components/ui/widget-frame';

export const metadata: Metadata = { title: 'Home' };

export default function HomePage() {
  return (
    <div className="flex flex-col gap-8">
      <WidgetFrame size="h-32" label="Welcome" skeleton={<WelcomeSkeleton />}>
        <Welcome />
      </WidgetFrame>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading" className="mb-3 text-lg font-semibold">
          Dashboards
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {PRODUCT_NAV.map((module) => (
            <li key={module.href}>
              <Link href={module.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
                <span className="font-semibold text-slate-900">{module.label}</span>
                <span className="mt-1 block text-sm text-slate-600">{module.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
