import type { Route } from 'next';
import type { Audience, NavEntry } from '@/lib/modules/manifest';
import { modules } from '@/modules';
import type { NavItem } from './nav-links';

const entries = modules.flatMap((module) => module.nav ?? []);
const toItem = (entry: NavEntry): NavItem & { description: string } => ({ href: entry.href as Route, label: entry.label, description: entry.description ?? '' });
const visibleTo = (role: Audience | 'user', entry: NavEntry) => (entry.audience ?? 'everyone') === 'everyone' || role === 'admin';

/** The products, in registry order: the main navigation and the home page's cards. */
export const PRODUCT_NAV = entries.filter((entry) => entry.placement === 'products').map(toItem);

/** The entries beside the viewer's name (their settings; the ops console for admins). */
export function accountNav(role: 'user' | 'admin'): NavItem[] {
  return entries.filter((entry) => entry.placement === 'account' && visibleTo(role, entry)).map(toItem);
}
