import { defineModule } from '@/lib/modules/manifest';

/** Everyone's own settings: the API tokens of their scripts. */
export const settingsModule = defineModule({
  name: 'settings',
  nav: [{ href: '/settings/tokens', label: 'API tokens', placement: 'account' }],
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
  ],
});
