import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from './proxy';

const runsFor = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("the proxy's matcher", () => {
  it('leaves the public static files alone, so signed-out visitors and crawlers get them', () => {
    for (const url of ['/robots.txt', '/favicon.ico', '/icon.svg', '/apple-touch-icon.png', '/og.png', '/_next/static/chunks/app.js']) {
      expect(runsFor(url), url).toBe(false);
    }
  });

  it('runs for every page, so signed-out visitors of app pages go to sign-in', () => {
    for (const url of ['/', '/wishlists', '/wishlists/upcoming', '/ops', '/settings/tokens', '/sign-in', '/api/v1/wishlists']) {
      expect(runsFor(url), url).toBe(true);
    }
  });
});
