import { describe, expect, it } from 'vitest';
import { pathDecodes } from './url';

describe('pathDecodes', () => {
  it('accepts plain and well-encoded paths', () => {
    for (const path of ['/', '/wishlists', '/api/v1/wishlists/0192f7a0-0000-7000-8000-000000000000', '/wishlists/caf%C3%A9', '/a%20b/%2F/%25', '/%E0%A4%A8']) {
      expect(pathDecodes(path), path).toBe(true);
    }
  });

  it('refuses truncated, invalid and lone escapes in any segment', () => {
    for (const path of ['/api/v1/wishlists/%E0%A4%A', '/api/v1/wishlists/%ZZ', '/api/v1/wishlists/%', '/api/auth/%E0', '/wishlists/%C3', '/%FF/ok', '/ok/%']) {
      expect(pathDecodes(path), path).toBe(false);
    }
  });
});
