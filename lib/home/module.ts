import { defineModule } from '@/lib/modules/manifest';

/**
 * The home page and the sign-in pages: no data of their own (the home page shows the viewer's
 * friend counts from People), but pages with budgets like every other.
 */
export const homeModule = defineModule({
  name: 'home',
  publicPaths: [/^\/sign-(in|up)$/],
  cachedPages: [/^\/$/],
  pages: [
    { path: '/sign-in', route: '/sign-in', viewer: null, streamed: [], keyboard: ['Sign in', 'Create an account'], bytes: { total: 245_000 }, lighthouse: { representative: true } },
    { path: '/', route: '/', viewer: 'ada', streamed: ['Welcome back'], keyboard: ['Skip to content', 'Wishlists', 'Sign out'], bytes: { total: 265_000 } },
  ],
  bench: [
    {
      route: '/',
      kind: 'page',
      path: '/',
      naive: null,
      targets: {
        coldTotal: { limit: 350, text: '≤ 350 ms', source: '004 initial page load', before: '745 ms' },
        statements: { limit: 9, text: '< 10', source: '000', before: '15–20' },
        hitRate: { limit: 0.9, text: '> 90 %', source: '004 (000: > 70 %)', before: '0 %' },
      },
    },
  ],
});
