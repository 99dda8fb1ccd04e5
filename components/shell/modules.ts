import type { NavItem } from './nav-links';

/** The products of Brisk, in navigation order. Ops is shown to admins only. */
export const MODULES: (NavItem & { description: string })[] = [
  { href: '/wishlists', label: 'Wishlists', description: 'Your lists, your friends’ lists and public ones; gifts stay a surprise.' },
  { href: '/leads', label: 'Leads', description: 'Keywords, the mentions they catch, and the leads they become.' },
  { href: '/channels', label: 'Channels', description: 'Channel and post analytics with daily rollups.' },
  { href: '/sponsors', label: 'Sponsors', description: 'Sponsorship codes, plant analyses and sponsor analytics.' },
  { href: '/projects', label: 'Projects', description: 'Dashboards built from widgets of every module.' },
];

export const OPS_NAV_ITEM: NavItem = { href: '/ops', label: 'Ops' };

/** Everyone's own settings: the API tokens of their scripts, and their account (password, deletion). */
export const TOKENS_NAV_ITEM: NavItem = { href: '/settings/tokens', label: 'API tokens' };
export const ACCOUNT_NAV_ITEM: NavItem = { href: '/settings/account', label: 'Account' };
