import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret of an API token: `brisk_` and 32 random bytes in base64url (49 characters). The
 * prefix lets secret scanners and people recognise a Brisk token; only its SHA-256 is stored.
 */
export const TOKEN_PREFIX = 'brisk_';
const SECRET_PATTERN = /^brisk_[A-Za-z0-9_-]{43}$/;
/** How many characters of the secret the token list shows: the prefix and four more. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 4;

export interface NewSecret {
  secret: string;
  hash: string;
  displayPrefix: string;
}

export function generateSecret(): NewSecret {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret), displayPrefix: secret.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export type BearerCredential = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; secret: string };

/**
 * What a request's Authorization header carries. `Bearer brisk_…` is a token; any other value
 * is malformed (answered with a 401 without a query); no header means a session, if any.
 */
export function bearerCredential(headers: Headers): BearerCredential {
  const header = headers.get('authorization');
  if (header === null) return { kind: 'none' };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match || !SECRET_PATTERN.test(match[1]!)) return { kind: 'malformed' };
  return { kind: 'token', secret: match[1]! };
}
