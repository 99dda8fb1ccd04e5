import { expect, it } from 'vitest';
import { cacheStatsByModule } from './queries';

it('sums cache reads by module, so that each module’s hit rate shows under its own name', () => {
  const kinds = [
    { namespace: 'wishlists.dashboard', hits: 8, misses: 2, stale: 0, hitRate: 0.8 },
    { namespace: 'wishlists.detail', hits: 1, misses: 1, stale: 0, hitRate: 0.5 },
    { namespace: 'people.friends', hits: 0, misses: 0, stale: 0, hitRate: null },
    { namespace: 'render.pages', hits: 3, misses: 0, stale: 1, hitRate: 1 },
  ];
  expect(cacheStatsByModule(kinds)).toEqual([
    { module: 'people', hits: 0, misses: 0, stale: 0, hitRate: null },
    { module: 'render', hits: 3, misses: 0, stale: 1, hitRate: 1 },
    { module: 'wishlists', hits: 9, misses: 3, stale: 0, hitRate: 0.75 },
  ]);
});
