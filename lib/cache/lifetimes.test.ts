import { expect, it } from 'vitest';
import { cacheKinds } from './lifetimes';

it('gives every cache kind a namespace of its own (namespaces prefix keys: a shared one would mix two kinds)', () => {
  const namespaces = Object.values(cacheKinds).map((kind) => kind.namespace);
  expect(new Set(namespaces).size).toBe(namespaces.length);
});
