import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

const LINKS = [
  { href: '/leads/keywords', label: 'Keywords' },
  { href: '/leads/mentions', label: 'Mentions' },
  { href: '/leads/pipeline', label: 'Pipeline' },
  { href: '/leads/integrations', label: 'Sources' },
] as const;

/** The Leads pages' title and their links (the current page is marked, not linked). */
export function LeadsHeader({ title, current }: { title: string; current?: (typeof LINKS)[number]['href'] | '/leads' }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div>
        {current !== '/leads' && (
          <Link href="/leads" className="text-sm font-medium text-brand-700 underline">
            Leads
          </Link>
        )}
        <h1 className="text-2xl font-semibold">{title}</h1>
      </div>
      <nav aria-label="Leads" className="flex flex-wrap gap-2">
        {LINKS.map((link) => (
          <Link key={link.href} href={link.href} aria-current={link.href === current ? 'page' : undefined} className={buttonClass(link.href === current ? 'primary' : 'secondary')}>
            {link.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
