/**
 * Cache tag of one token's owner lookup (queries.ts getTokenViewer), dropped when the token is
 * revoked (mutations.ts) so that revocation takes effect at once on every instance. Keyed by
 * the secret's SHA-256, which is what the lookup knows; never by the secret.
 */
export const tokenTag = (tokenHash: string) => `api-token:${tokenHash}`;
