import { defineModule } from '@/lib/modules/manifest';

/**
 * Accounts: everyone's own settings — the API tokens of their scripts, their password, and leaving
 * (deleting the account, which releases what it held in other modules).
 */
export const accountsModule = defineModule({
  name: 'accounts',
  nav: [
    { href: '/settings/tokens', label: 'API tokens', placement: 'account' },
    { href: '/settings/account', label: 'Account', placement: 'account' },
  ],
  pages: [
    // Dev has no tokens (other journeys create theirs as Ada and the admin): the empty state.
    {
      path: '/settings/tokens',
      route: '/settings/tokens',
      viewer: 'dev',
      streamed: ['No API tokens yet'],
      keyboard: ['Skip to content', 'API tokens', 'Create token'],
      bytes: { total: 265_000 },
    },
    { path: '/settings/account', route: '/settings/account', viewer: 'dev', streamed: [], keyboard: ['Skip to content', 'Change password', 'Delete my account'], bytes: { total: 265_000 } },
  ],
});
