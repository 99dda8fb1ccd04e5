import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { securityGate } from '@/lib/security/gate';
import { pagePatterns, pathFor, routePatterns, type RoutePattern } from './discover';
import { encodeSegment, malformedSegment, scaryText } from './inputs';
import { hostileSeed, runs } from './run';

/**
 * Malformed percent-encoding in every path segment of every route and page (found by globbing
 * app/): a handler never sees it, because the proxy's gate answers first (400 in JSON on the API,
 * 404 for pages). Direct handler calls cannot test this (their params are decoded already), so
 * it is checked here against the gate; e2e/security.spec.ts sends a few such paths to the server.
 * Well-encoded hostile text in the same places passes the gate: it is the handler's to refuse.
 */

const ORIGIN = 'http://localhost:3000';

/** A concrete path for the pattern with the segment at `index` (of the path's parts) replaced. */
function pathWith(pattern: RoutePattern, index: number, replacement: string, filler: string): string {
  const values = Object.fromEntries(pattern.segments.flatMap((s) => (s.kind === 'static' ? [] : [[s.name, s.kind === 'catchAll' ? [filler, filler] : filler]])));
  const parts = pathFor(pattern.segments, values).split('/').slice(1);
  parts[index] = replacement;
  return `/${parts.join('/')}`;
}

const partsOf = (pattern: RoutePattern) => Math.max(1, pathFor(pattern.segments, Object.fromEntries(pattern.segments.flatMap((s) => (s.kind === 'static' ? [] : [[s.name, s.kind === 'catchAll' ? ['x', 'x'] : 'x']])))).split('/').length - 1);

const targets = [...routePatterns(), ...pagePatterns()];

/** Text for a segment: encoded, and never a dot segment (the URL parser would remove it, and the segment before it). */
const segmentText = (value: string) => (['', '.', '..'].includes(value) ? 'x' : encodeSegment(value));

describe("the proxy's gate refuses malformed percent-encoding in every segment of every route and page", () => {
  it('found routes and pages', () => {
    expect(routePatterns().length).toBeGreaterThan(0);
    expect(pagePatterns().length).toBeGreaterThan(0);
  });

  it.each(targets.map((target) => [target.pattern, target] as const))('%s', async (_label, target) => {
    const parts = partsOf(target);
    for (let index = 0; index < parts; index++) {
      fc.assert(
        fc.property(malformedSegment, scaryText, (bad, filler) => {
          const path = pathWith(target, index, bad, segmentText(filler));
          const response = securityGate(new Request(`${ORIGIN}${path}`));
          // The API's refusal where the path is still an API path; else the not-found page.
          expect(response?.status, path).toBe(path.startsWith('/api/') ? 400 : 404);
        }),
        { numRuns: runs(15), seed: hostileSeed() },
      );
    }
    // The API's refusal is JSON with a message.
    const response = securityGate(new Request(`${ORIGIN}${pathWith(target, parts - 1, '%E0%A4%A', 'x')}`))!;
    if (target.pattern.startsWith('/api/')) expect(await response.json()).toEqual({ error: 'Malformed URL: a path segment is not valid percent-encoding.' });
  });

  it.each(targets.map((target) => [target.pattern, target] as const))('lets well-encoded hostile text through to %s', (_label, target) => {
    fc.assert(
      fc.property(fc.nat({ max: partsOf(target) - 1 }), scaryText, (index, value) => {
        const path = pathWith(target, index, segmentText(value), 'x');
        expect(securityGate(new Request(`${ORIGIN}${path}`)), path).toBeNull();
      }),
      { numRuns: runs(15), seed: hostileSeed() },
    );
  });
});
